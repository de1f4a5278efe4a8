using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using QuickImport.Application.Common.Caching;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Geo;
using QuickImport.Application.Common.Persistence;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;
using QuickImport.Infrastructure.Caching;
using QuickImport.Infrastructure.Deduplication;
using QuickImport.Infrastructure.Geo;
using QuickImport.Infrastructure.Persistence;
using QuickImport.Infrastructure.Persistence.Diagnostics;
using QuickImport.Infrastructure.Persistence.Importing;
using QuickImport.Infrastructure.Persistence.Repositories;
using QuickImport.Infrastructure.Persistence.Resilience;
using QuickImport.Infrastructure.PhoneNumbers;
using QuickImport.Infrastructure.Security;

namespace QuickImport.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "QuickImport";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is not set (environment: ConnectionStrings__{ConnectionStringName}).");
        // One data source (one connection pool) for EF Core and the hand-written SQL alike.
        var dataSource = ConnectionPools.ForImports(connectionString);
        services.AddSingleton(dataSource);
        services.AddScoped<DatabaseRoundTrips>();
        var roundTripCounter = new RoundTripCountingInterceptor();
        // Pooled: a context is reset and leased again instead of built per request with its own
        // internal service scope (a tenth of the API's CPU per import and 40 % of its allocations,
        // docs/benchmarks.md); each lease counts into its scope's round trips.
        services.AddPooledDbContextFactory<QuickImportDbContext>(
            options => options
                .UseNpgsql(dataSource, npgsql => npgsql
                    .MigrationsHistoryTable("__ef_migrations_history")
                    .ExecutionStrategy(dependencies => new TransactionRetryStrategy(dependencies)))
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(roundTripCounter));
        services.AddScoped(provider =>
        {
            var db = provider.GetRequiredService<IDbContextFactory<QuickImportDbContext>>().CreateDbContext();
            db.RoundTrips = provider.GetRequiredService<DatabaseRoundTrips>();
            return db;
        });
        services.Configure<DeduplicationSettings>(configuration.GetSection(DeduplicationSettings.SectionName));
        var deduplicationSource = ConnectionPools.ForDeduplication(connectionString);
        services.AddSingleton(provider => new DeduplicationOutcomeWriter(
            deduplicationSource, provider.GetRequiredService<ILogger<DeduplicationOutcomeWriter>>()));
        services.AddHostedService(provider => provider.GetRequiredService<DeduplicationOutcomeWriter>());
        services.AddSingleton<IRequestDeduplicationStore>(provider => new PostgresDeduplicationStore(
            deduplicationSource,
            provider.GetRequiredService<DeduplicationOutcomeWriter>(),
            provider.GetRequiredService<IOptions<DeduplicationSettings>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new DeduplicationSlices(
            deduplicationSource,
            provider.GetRequiredService<IOptions<DeduplicationSettings>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DeduplicationSlices>>()));
        services.AddHostedService(provider => provider.GetRequiredService<DeduplicationSlices>());

        services.AddSingleton<MetadataCache>();
        services.AddSingleton<IMetadataChanges, PostgresMetadataChanges>();
        services.AddHostedService(provider => new MetadataChangeListener(
            ConnectionPools.ForListening(connectionString),
            provider.GetRequiredService<MetadataCache>(),
            provider.GetRequiredService<ILogger<MetadataChangeListener>>()));

        services.AddScoped<SqlSession>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IApiTokenStore, ApiTokenStore>();
        services.AddScoped<IAccountRepository, AccountRepository>();
        services.AddScoped<IApiTokenRepository, ApiTokenRepository>();
        services.AddScoped<IProfileDatabaseRepository, ProfileDatabaseRepository>();
        services.AddScoped<IResourceRepository, ResourceRepository>();
        services.AddScoped<IAutomationRepository, AutomationRepository>();
        services.AddScoped<ISubscriptionRepository, SubscriptionRepository>();
        services.AddScoped<IProfileRepository, ProfileRepository>();
        services.AddScoped<TariffLedger>();
        services.AddScoped<ITariffLedger>(provider => provider.GetRequiredService<TariffLedger>());
        services.AddScoped<IProfileImportStore, PostgresProfileImportStore>();
        services.AddSingleton<IPhoneNumberNormalizer, LibPhoneNumberNormalizer>();
        services.Configure<GeoIpOptions>(configuration.GetSection(GeoIpOptions.SectionName));
        services.AddSingleton<IGeoLocator, MmdbGeoLocator>();
        services.AddHostedService<GeoLocatorStartup>();
        return services;
    }
}
