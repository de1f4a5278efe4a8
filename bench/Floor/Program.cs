// The floor: the cheapest ASP.NET Core service doing a quick import's work (bench/floor.sh,
// docs/benchmarks.md). Kestrel and a minimal API, the form body, the token looked up in a dictionary,
// and bench/pgbench/import.sql's statements on its tables sent as one Npgsql batch: one round trip,
// one implicit transaction. Answers as the quick import does: "Successfully added <id>".
//
// QuickImport's framework pieces can be added to it, each switched on by name in Floor:Pieces (a
// comma-separated list; bench/ladder.sh measures them), each as QuickImport has it:
//   mvc              a controller ([ApiController], attribute route, no model binding) behind
//                    AddControllers and MapControllers instead of the minimal API
//                    (src/Api/Controllers/ProfileImportController.cs, src/Api/DependencyInjection.cs)
//   scope            the import run by scoped services of the request's DI scope: a store on a pooled
//                    EF Core DbContext leased for the request, the statements sent on the DbContext's
//                    connection past EF Core (PostgresProfileImportStore, SqlSession, and
//                    src/Infrastructure/DependencyInjection.cs)
//   mediator         the import sent as a command through martinothamar/Mediator, scoped, through
//                    two pipeline behaviours — the token checked, then a FluentValidation validator —
//                    to its handler (src/Application/DependencyInjection.cs, Common/Behaviors);
//                    needs scope
//   two-round-trips  the statements in an explicit transaction, as the import's two round trips: the
//                    search (with the BEGIN), then the write with the COMMIT (ImportTransaction,
//                    SqlSession.CommitAsync); otherwise one batch
//   log-line         a log scope with the request id around each request and one line per import, on
//                    the JSON console with scopes (src/Api/Observability: ImportTelemetryMiddleware,
//                    ObservabilitySetup; appsettings.json's levels)
//   metrics          OpenTelemetry metrics — ASP.NET Core's and Npgsql's instrumentation, the runtime's,
//                    a counter and a histogram per import — exported at /metrics (ObservabilitySetup,
//                    ImportMetrics)
//   writer           the answer written as AltcraftResponseWriter does: the Accept header read for
//                    JSON, the body's UTF-8 bytes with their length; otherwise Results.Text
// Not among them: QuickImport's body reader, deduplication, the metadata cache, the domain's work,
// the exception handler and rate limiter middleware, and its SQL beyond import.sql's.
//
// Settings: ConnectionStrings__Floor (a database set up by bench/pgbench/schema.sql and seed.sql),
// Floor__Token (the one token it knows, for database 1), Floor__Pieces, ASPNETCORE_URLS.
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using QuickImport.Bench.Floor;

var builder = WebApplication.CreateSlimBuilder(args);
var pieces = Pieces.Parse(builder.Configuration["Floor:Pieces"]);
builder.Services.AddSingleton(pieces);

builder.Logging.ClearProviders();
if (pieces.LogLine)
{
    builder.Logging.AddJsonConsole(options =>
    {
        options.IncludeScopes = true;
        options.UseUtcTimestamp = true;
        options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
    });
    builder.Logging.SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
}

var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Floor"))
{
    MaxAutoPrepare = 8, // prepared, as pgbench -M prepared
    NoResetOnClose = true,
    MaxPoolSize = 16, // as QuickImport's pool on two cores
};
await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton(new Tokens(builder.Configuration["Floor:Token"]!));
builder.Services.AddSingleton<ImportEndpoint>();

if (pieces.Mvc)
{
    builder.Services.AddControllers();
}

if (pieces.Scope)
{
    builder.Services.AddPooledDbContextFactory<FloorDbContext>(options => options.UseNpgsql(dataSource));
    builder.Services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<FloorDbContext>>().CreateDbContext());
    builder.Services.AddScoped<ImportStore>();
}

if (pieces.Mediator)
{
    builder.Services.AddMediator((Mediator.MediatorOptions options) =>
    {
        options.ServiceLifetime = ServiceLifetime.Scoped;
        options.PipelineBehaviors = [typeof(TokenBehavior<,>), typeof(ValidationBehavior<,>)];
    });
    builder.Services.AddSingleton<IValidator<ImportCommand>, ImportCommandValidator>();
}

if (pieces.Metrics)
{
    builder.Services.AddSingleton<ImportMetrics>();
    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("QuickImport.Bench.Floor"))
        .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddMeter(ImportMetrics.MeterName)
            .AddMeter("System.Runtime")
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
}

var app = builder.Build();
if (pieces.LogLine || pieces.Metrics)
{
    app.UseMiddleware<ImportTelemetry>();
}

app.UseRouting();
if (pieces.Mvc)
{
    app.MapControllers();
}
else
{
    app.MapPost(ImportEndpoint.Route, app.Services.GetRequiredService<ImportEndpoint>().AnswerAsync);
}

if (pieces.Metrics)
{
    app.MapPrometheusScrapingEndpoint("/metrics");
}

app.MapGet("/health/live", () => "ok");
await app.RunAsync();
