using QuickImport.Api;
using QuickImport.Api.Binding;
using QuickImport.Api.Documentation;
using QuickImport.Api.Health;
using QuickImport.Api.Observability;
using QuickImport.Api.Queue;
using QuickImport.Application;
using QuickImport.Infrastructure;
using QuickImport.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration)
    .AddApiDocumentation()
    .AddHealth()
    .AddQueue(builder.Configuration);
builder.AddObservability();

var app = builder.Build();
var demo = await app.Services.PrepareDatabaseAsync(app.Configuration);

app.UseObservability();

// Reading Altcraft parameters can fail (a 400, a 413), and so can everything after it: the handler
// answers those, and the actions' failures.
app.UseExceptionHandler();
app.UseWhen(
    context => context.Request.Path.StartsWithSegments("/api/admin"),
    admin => admin.UseStatusCodePages()); // an unknown admin route answers problem details too
app.UseRouting();
app.UseMiddleware<AltcraftRequestMiddleware>();
app.UseRateLimiter();
app.MapControllers();
app.MapApiDocumentation();
app.MapHealth();
app.MapObservability();

if (demo is not null)
{
    app.Lifetime.ApplicationStarted.Register(() =>
        Console.WriteLine(DemoBanner.For(demo, app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5080")));
}

await app.RunAsync();

/// <summary>The entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
