using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Domain.Common;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using Names = QuickImport.Application.Profiles.ImportProfiles.ImportParameterNames;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// The subscriptions an item asks for: to the request's resource, one for each of its channels the
/// item has a contact on; and each subscription the item lists itself. An invalid one refuses the
/// item, or is dropped when the request says to skip invalid subscriptions.
/// </summary>
public static class SubscriptionPlan
{
    /// <param name="contactOf">Normalizes a listed subscription's own contact for its channel.</param>
    /// <exception cref="InvalidValueException">A subscription is invalid (the resource has none of the item's channels, …).</exception>
    /// <exception cref="NotFoundException">A listed subscription names a resource the database lacks.</exception>
    public static IReadOnlyList<PlannedSubscription> For(
        ImportContext context,
        ImportItem item,
        ProfileChanges changes,
        Func<Channel, string, SubscriptionContact> contactOf)
    {
        var planned = new List<PlannedSubscription>();
        if (context.Resource is { } resource)
        {
            Plan(context, planned, () => ToResource(resource, changes));
        }

        for (var i = 0; i < item.Subscriptions.Count; i++)
        {
            var listed = item.Subscriptions[i];
            var position = $"{Names.Subscriptions}[{i}]";
            Plan(context, planned, () => [Listed(context, listed, position, changes, contactOf)]);
        }

        return planned;
    }

    private static void Plan(ImportContext context, List<PlannedSubscription> planned, Func<IEnumerable<PlannedSubscription>> plan)
    {
        try
        {
            planned.AddRange(plan());
        }
        catch (DomainException) when (context.Request.SkipInvalidSubscriptions)
        {
            // Asked for: the item is imported without the subscription it could not have.
        }
    }

    private static List<PlannedSubscription> ToResource(Resource resource, ProfileChanges changes)
    {
        var planned = new List<PlannedSubscription>();
        if (changes.Email is { } email && resource.Sends(Channel.Email))
        {
            planned.Add(new PlannedSubscription(resource, new SubscriptionContact(Channel.Email, email.Value, email.Key)));
        }

        if (changes.Phone is { } phone && resource.Sends(Channel.Sms))
        {
            planned.Add(new PlannedSubscription(resource, new SubscriptionContact(Channel.Sms, phone, phone)));
        }

        return planned.Count > 0
            ? planned
            : throw new InvalidValueException(
                Names.ResourceId,
                $"resource {resource.Id} has no channel for the request's contacts (it sends {string.Join(", ", resource.Channels.Select(WireNames.Of))})");
    }

    private static PlannedSubscription Listed(
        ImportContext context,
        ItemSubscription listed,
        string position,
        ProfileChanges changes,
        Func<Channel, string, SubscriptionContact> contactOf)
    {
        var resourceId = listed.ResourceId ?? throw new InvalidValueException(position, "'resource_id' is required");
        var resource = context.ItemResources.GetValueOrDefault(resourceId)
            ?? throw new NotFoundException("subscription resource", resourceId);
        if (!WireNames.TryParseChannel(listed.Channel, out var channel))
        {
            throw new InvalidValueException(position, $"'channel' must be email or sms, not '{listed.Channel}'");
        }

        if (!resource.Sends(channel))
        {
            throw new InvalidValueException(position, $"resource {resource.Id} does not send {WireNames.Of(channel)}");
        }

        SubscriptionContact? own = channel == Channel.Email
            ? changes.Email is { } email ? new SubscriptionContact(Channel.Email, email.Value, email.Key) : null
            : changes.Phone is { } phone ? new SubscriptionContact(Channel.Sms, phone, phone) : null;
        var contact = listed.Contact is { Length: > 0 } sent
            ? contactOf(channel, sent)
            : own ?? throw new InvalidValueException(position, $"the item has no {(channel == Channel.Email ? "email" : "phone")} to subscribe");
        return new PlannedSubscription(resource, contact, Status(listed.Status, position));
    }

    private static SubscriptionStatus? Status(string? status, string position) => status switch
    {
        null or "" => null,
        "subscribed" => SubscriptionStatus.Subscribed,
        "unsubscribed" => SubscriptionStatus.Unsubscribed,
        _ => throw new InvalidValueException(position, $"'status' must be subscribed or unsubscribed, not '{status}'"),
    };
}
