using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>The real API, in memory, on the test run's PostgreSQL database (migrations applied at start).</summary>
public sealed class QuickImportApiFactory(string connectionString) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary>What the server logged; errors are printed at the end of the run (a 500's cause).</summary>
    public CapturingLoggerProvider ServerLog { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(ServerLog));
        builder.UseSetting("ConnectionStrings:QuickImport", connectionString);
        builder.UseSetting("QuickImport:MigrateOnStartup", "true");
        builder.UseSetting("QuickImport:AdminKey", AdminKey);
        builder.UseSetting("QuickImport:DefaultPhoneRegion", "RU");
        builder.UseSetting("QuickImport:GeoIpDatabase", GeoIpTestDatabase.Path);

        // Most tests resend identical requests and expect them to run; deduplication tests turn it on.
        builder.UseSetting("QuickImport:Deduplication:Enabled", "false");
    }
}
