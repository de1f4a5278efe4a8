using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Subscriptions;

public interface ISubscriptionRepository
{
    /// <summary>
    /// Subscribes the profile on each contact with the resource's initial status; a subscription that
    /// already exists for the same profile, resource, channel and contact keeps its status.
    /// </summary>
    Task AddMissingAsync(
        ProfileId profile,
        Resource resource,
        IReadOnlyList<SubscriptionContact> contacts,
        CancellationToken cancellationToken);

    /// <summary>The profile's subscriptions, by resource and channel.</summary>
    Task<IReadOnlyList<Subscription>> ListAsync(ProfileId profile, CancellationToken cancellationToken);
}
