using System.Text.Json;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace QuickImport.Api.Observability;

/// <summary>
/// Metrics (OpenTelemetry, scraped by Prometheus at <c>/metrics</c>) and structured logs (single-line
/// JSON on the console, with scopes). See docs/operations.md.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary><c>QuickImport:Logging:Json=false</c> keeps ASP.NET Core's plain console format.</summary>
    public const string JsonLogsSetting = "QuickImport:Logging:Json";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(JsonLogsSetting, defaultValue: true))
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
