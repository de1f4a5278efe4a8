using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<QuickImportDbContext>
{
    public QuickImportDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<QuickImportDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=quickimport_design", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
