using QuickImport.Application.Common.Mapping;
using QuickImport.Domain.Common;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>The subscriptions an import asks for: one for each of the resource's channels the request has a contact on.</summary>
public static class SubscriptionPlan
{
    /// <exception cref="InvalidValueException">The resource has none of the request's channels.</exception>
    public static IReadOnlyList<SubscriptionContact> For(Resource resource, ProfileChanges changes)
    {
        var contacts = new List<SubscriptionContact>();
        if (changes.Email is { } email && resource.Sends(Channel.Email))
        {
            contacts.Add(new SubscriptionContact(Channel.Email, email.Value, email.Key));
        }

        if (changes.Phone is { } phone && resource.Sends(Channel.Sms))
        {
            contacts.Add(new SubscriptionContact(Channel.Sms, phone, phone));
        }

        return contacts.Count > 0
            ? contacts
            : throw new InvalidValueException(
                ImportParameterNames.ResourceId,
                $"resource {resource.Id} has no channel for the request's contacts (it sends {string.Join(", ", resource.Channels.Select(WireNames.Of))})");
    }
}
