using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>A row of <c>subscriptions</c>: a profile's contact on one channel of a resource.</summary>
public sealed class SubscriptionRecord
{
    public long Id { get; init; }

    public int DatabaseId { get; init; }

    public required string ProfileId { get; init; }

    public int ResourceId { get; init; }

    public Channel Channel { get; init; }

    public required string Contact { get; init; }

    /// <summary>The contact's comparison form, which matching searches.</summary>
    public required string ContactKey { get; init; }

    public SubscriptionStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
