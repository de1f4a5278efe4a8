using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Matching;

/// <summary>What an import searches its database for, in normalized form.</summary>
/// <param name="Phones">Phone numbers in E.164; with phone matching, each one is a key.</param>
public sealed record MatchCriteria(
    MatchingMode Mode,
    EmailAddress? Email = null,
    IReadOnlyList<string>? Phones = null,
    FieldMatch? Field = null,
    ProfileId? ProfileId = null)
{
    public IReadOnlyList<string> Phones { get; init; } = Phones ?? [];

    /// <summary>The index lookups that find the profiles this mode matches (docs/api.md §1, "Matching").</summary>
    public IEnumerable<MatchLookup> Lookups => Mode switch
    {
        MatchingMode.Email => [.. EmailProfile(), .. EmailSubscriber()],
        MatchingMode.EmailProfile => EmailProfile(),
        MatchingMode.EmailSubscription => EmailSubscriber(),
        MatchingMode.Phone => [.. PhoneProfiles(), .. PhoneSubscribers()],
        MatchingMode.PhoneSubscription => PhoneSubscribers(),
        MatchingMode.EmailOrPhone => [.. EmailProfile(), .. PhoneProfiles()],
        MatchingMode.Field => Field is null ? []
            : Field.Field == Fields.SystemFields.Email || Field.IsUnique ? [new MatchLookup.Holder(Field.Field, Field.Key)]
            : [new MatchLookup.ProfileField(Field.Field, Field.Key)],
        MatchingMode.ProfileId => ProfileId is { } id ? [new MatchLookup.Profile(id)] : [],
        _ => throw new InvalidOperationException($"unknown matching mode {Mode}"),
    };

    private IEnumerable<MatchLookup> EmailProfile() => Email is null ? [] : [new MatchLookup.Holder(Fields.SystemFields.Email, Email.Key)];

    private IEnumerable<MatchLookup> EmailSubscriber() =>
        Email is null ? [] : [new MatchLookup.Subscriber(Subscriptions.Channel.Email, Email.Key)];

    private IEnumerable<MatchLookup> PhoneProfiles() => Phones.Select(p => new MatchLookup.ProfilePhone(p));

    private IEnumerable<MatchLookup> PhoneSubscribers() => Phones.Select(p => new MatchLookup.Subscriber(Subscriptions.Channel.Sms, p));
}
