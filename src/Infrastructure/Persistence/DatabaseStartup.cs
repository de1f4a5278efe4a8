using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QuickImport.Infrastructure.Persistence;

public static class DatabaseStartup
{
    private static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Applies pending EF Core migrations when <c>QuickImport:MigrateOnStartup</c> is true, and seeds
    /// the demo account when <c>QuickImport:SeedDemo</c> is true.
    /// </summary>
    /// <returns>The demo account to show the user, when seeded.</returns>
    public static async Task<DemoAccount?> PrepareDatabaseAsync(this IServiceProvider services, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickImportDbContext>();
        if (configuration.GetValue<bool>("QuickImport:MigrateOnStartup"))
        {
            // A migration may rebuild an index of a large table: the service's short command timeout is for requests.
            db.Database.SetCommandTimeout(MigrationCommandTimeout);
            await db.Database.MigrateAsync();
        }

        return configuration.GetValue<bool>("QuickImport:SeedDemo")
            ? await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), CancellationToken.None)
            : null;
    }
}
