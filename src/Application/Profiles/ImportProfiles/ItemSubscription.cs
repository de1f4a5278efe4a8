namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>A subscription a v1.1 item asks for, as sent; checked against the database when the item is read.</summary>
/// <param name="Contact">The <c>email</c> or <c>phone</c> to subscribe; null for the item's own.</param>
/// <param name="Status"><c>subscribed</c> or <c>unsubscribed</c>; null for the resource's initial status.</param>
public sealed record ItemSubscription(int? ResourceId, string? Channel, string? Contact, string? Status);
