using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.Importing;

/// <summary>A subscription as an import leaves it.</summary>
/// <param name="Status">Its status when it is new.</param>
/// <param name="Unsubscribes">An item named <c>unsubscribed</c>: a stored subscription that is subscribed or unconfirmed becomes unsubscribed.</param>
public sealed record SubscriptionWrite(ProfileId Profile, Resource Resource, SubscriptionContact Contact, SubscriptionStatus Status, bool Unsubscribes);
