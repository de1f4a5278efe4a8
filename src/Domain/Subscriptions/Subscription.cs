namespace QuickImport.Domain.Subscriptions;

/// <summary>A profile's subscription: its contact on one channel of a resource, and its status.</summary>
public sealed record Subscription(int ResourceId, Channel Channel, string Contact, SubscriptionStatus Status);
