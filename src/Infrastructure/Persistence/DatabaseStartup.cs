using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace QuickImport.Infrastructure.Persistence;

public static class DatabaseStartup
{
    /// <summary>Applies pending EF Core migrations when <c>QuickImport:MigrateOnStartup</c> is true.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("QuickImport:MigrateOnStartup"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QuickImportDbContext>().Database.MigrateAsync();
    }
}
