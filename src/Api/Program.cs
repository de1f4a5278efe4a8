using QuickImport.Api;
using QuickImport.Application;
using QuickImport.Infrastructure;
using QuickImport.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync(app.Configuration);
app.UseExceptionHandler();
app.MapControllers();
await app.RunAsync();

/// <summary>The entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
