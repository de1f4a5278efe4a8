namespace QuickImport.Domain.Subscriptions;

/// <summary>One subscription an import asks for: a channel of the resource and the request's contact on it.</summary>
/// <param name="Contact">The normalized contact as stored and shown.</param>
/// <param name="Key">The contact's comparison key (case-folded for emails).</param>
public sealed record SubscriptionContact(Channel Channel, string Contact, string Key);
