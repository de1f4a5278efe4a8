using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.Importing;

/// <summary>A subscription an item asks for.</summary>
/// <param name="Status">
/// The status the item names; null for the resource's initial one. A new subscription starts with
/// it; an existing one keeps its own, except that a named <c>unsubscribed</c> unsubscribes it.
/// </param>
public sealed record PlannedSubscription(Resource Resource, SubscriptionContact Contact, SubscriptionStatus? Status = null)
{
    public SubscriptionStatus InitialStatus => Status ?? Resource.InitialStatus;

    public bool Unsubscribes => Status == SubscriptionStatus.Unsubscribed;
}
