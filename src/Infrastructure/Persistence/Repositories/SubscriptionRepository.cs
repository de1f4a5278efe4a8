using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class SubscriptionRepository(QuickImportDbContext db) : ISubscriptionRepository
{
    public async Task<IReadOnlyList<Subscription>> ListAsync(ProfileId profile, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking()
            .Where(s => s.ProfileId == profile.Value)
            .OrderBy(s => s.ResourceId).ThenBy(s => s.Channel).ThenBy(s => s.Id)
            .Select(s => new Subscription(s.ResourceId, s.Channel, s.Contact, s.Status))
            .ToListAsync(cancellationToken);
}
