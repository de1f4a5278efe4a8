using QuickImport.Api;
using QuickImport.Application;
using QuickImport.Infrastructure;
using QuickImport.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration);

var app = builder.Build();
var demo = await app.Services.PrepareDatabaseAsync(app.Configuration);
app.UseExceptionHandler();
app.MapControllers();

if (demo is not null)
{
    app.Lifetime.ApplicationStarted.Register(() =>
        Console.WriteLine(DemoBanner.For(demo, app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5080")));
}

await app.RunAsync();

/// <summary>The entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
