using System.Text.Json;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace QuickImport.Api.Observability;

/// <summary>
/// Metrics (OpenTelemetry, scraped by Prometheus at <c>/metrics</c>) and console logs: single-line JSON
/// with scopes for a log collector, plain text for a person at a terminal. See docs/operations.md.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary><c>true</c>: single-line JSON on the console; <c>false</c>: ASP.NET Core's plain text.</summary>
    public const string JsonLogsSetting = "QuickImport:Logging:Json";

    /// <summary>
    /// JSON unless <see cref="JsonLogsSetting"/> says otherwise — except on a terminal, where a person
    /// reads the lines and a 1.5 KB JSON object per import is unreadable.
    /// </summary>
    public static bool JsonLogs(IConfiguration configuration, bool outputIsTerminal) =>
        configuration.GetValue<bool?>(JsonLogsSetting) ?? !outputIsTerminal;

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        if (JsonLogs(builder.Configuration, outputIsTerminal: !Console.IsOutputRedirected))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }

        builder.Services.AddSingleton<ImportMetrics>();
        builder.Services.AddScoped<ImportOutcome>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("QuickImport"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation() // http.server.request.duration by route and status
                .AddNpgsqlInstrumentation() // the connection pool: db.client.connections.*
                .AddMeter(ImportMetrics.MeterName)
                .AddMeter("System.Runtime") // .NET's own: GC, thread pool, JIT (dotnet.*)
                // A scrape shows the state at that moment, not up to 300 ms earlier.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>Outermost middleware: sees every request and its final status.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        app.UseMiddleware<ImportTelemetryMiddleware>();
        return app;
    }

    public static WebApplication MapObservability(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
