using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Subscriptions;
using QuickImport.Infrastructure.Persistence.Diagnostics;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence;

/// <param name="options">Built once for the process: nothing in them depends on the request.</param>
/// <param name="roundTrips">The scope's count of commands, which EF Core's commands add to.</param>
public sealed class QuickImportDbContext(DbContextOptions<QuickImportDbContext> options) : DbContext(options)
{
    /// <summary>The counter of the scope that leased this pooled context (set with each lease).</summary>
    internal DatabaseRoundTrips RoundTrips { get; set; } = new();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ProfileDatabase> Databases => Set<ProfileDatabase>();

    public DbSet<CustomField> CustomFields => Set<CustomField>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<Automation> Automations => Set<Automation>();

    public DbSet<AutomationRunRecord> AutomationRuns => Set<AutomationRunRecord>();

    public DbSet<ProfileRecord> Profiles => Set<ProfileRecord>();

    public DbSet<UniqueValueRecord> UniqueValues => Set<UniqueValueRecord>();

    public DbSet<SubscriptionRecord> Subscriptions => Set<SubscriptionRecord>();

    public DbSet<TariffStripeRecord> TariffStripes => Set<TariffStripeRecord>();


    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(QuickImportDbContext).Assembly);
}
