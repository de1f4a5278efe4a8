using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.Matching;

/// <summary>One index lookup of a search: the profiles a matching mode finds are those its lookups find together.</summary>
public abstract record MatchLookup
{
    /// <summary>The holder of a profile email (its comparison key): the unique values' index.</summary>
    public sealed record ProfileEmail(string Key) : MatchLookup;

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
