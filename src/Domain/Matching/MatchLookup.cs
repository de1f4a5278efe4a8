using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.Matching;

/// <summary>One index lookup of a search: the profiles a matching mode finds are those its lookups find together.</summary>
public abstract record MatchLookup
{
    /// <summary>
    /// The holder of a unique value — an email or a unique field's (its comparison key) — through the
    /// unique values' index, which a concurrent import's claim also goes through.
    /// </summary>
    public sealed record Holder(string Field, string Key) : MatchLookup;

    /// <summary>The profiles subscribed with a contact (its comparison key) on a channel.</summary>
    public sealed record Subscriber(Channel Channel, string Key) : MatchLookup;

    /// <summary>The profiles whose phones hold an E.164 number.</summary>
    public sealed record ProfilePhone(string Phone) : MatchLookup;

    /// <summary>The profiles whose field has a value (a <see cref="Fields.FieldKey"/> token).</summary>
    public sealed record ProfileField(string Field, string Key) : MatchLookup
    {
        public string Token => Fields.FieldKey.Token(Field, Key);
    }

    /// <summary>The profile with an id.</summary>
    public sealed record Profile(Profiles.ProfileId Id) : MatchLookup;
}
