using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Subscriptions;

public interface ISubscriptionRepository
{
    /// <summary>The profile's subscriptions, by resource and channel.</summary>
    Task<IReadOnlyList<Subscription>> ListAsync(ProfileId profile, CancellationToken cancellationToken);
}
