using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Infrastructure.Persistence;
using QuickImport.Infrastructure.Persistence.Diagnostics;

namespace QuickImport.Api.IntegrationTests.Persistence;

/// <summary>The DbContext is pooled (docs/benchmarks.md): each request leases one, reset, counting into its own round trips.</summary>
public sealed class PooledDbContextTests
{
    [Test]
    public async Task Requests_lease_reset_contexts_from_a_pool_each_counting_into_its_own_round_trips()
    {
        // More leases, one after the other, than the pool keeps (EF Core's 1,024): built per
        // request, each lease would be a context of its own.
        const int leases = 1100;
        var contexts = new HashSet<QuickImportDbContext>(ReferenceEqualityComparer.Instance);
        for (var lease = 0; lease < leases; lease++)
        {
            await using var scope = TestEnvironment.Api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QuickImportDbContext>();
            var roundTrips = scope.ServiceProvider.GetRequiredService<DatabaseRoundTrips>();
            contexts.Add(db);

            Assert.That(db.RoundTrips, Is.SameAs(roundTrips), "it counts for the scope that leased it");
            Assert.That(db.ChangeTracker.Entries(), Is.Empty);
            Assert.That(db.Database.CurrentTransaction, Is.Null);
            if (lease == leases - 1)
            {
                await db.Accounts.AsNoTracking().AnyAsync();
                Assert.That(roundTrips.Count, Is.EqualTo(1));
            }
        }

        Assert.That(contexts, Has.Count.LessThan(leases));
    }
}
