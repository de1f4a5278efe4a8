using System.Globalization;
using System.Text.Json.Nodes;
using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Profiles;

/// <summary>A profile of a database: email, phones, and every other field as typed JSON.</summary>
public sealed class Profile
{
    private readonly List<string> phones;
    private readonly Dictionary<string, string> matchKeys;

    public Profile(
        ProfileId id,
        int databaseId,
        string? email,
        IEnumerable<string> phones,
        JsonObject fields,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        IEnumerable<string>? matchKeys = null)
    {
        this.matchKeys = (matchKeys ?? []).ToDictionary(FieldKey.FieldOf, StringComparer.Ordinal);
        Id = id;
        DatabaseId = databaseId;
        Email = email;
        this.phones = [.. phones];
        Fields = fields;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    public ProfileId Id { get; }

    public int DatabaseId { get; }

    public string? Email { get; private set; }

    public IReadOnlyList<string> Phones => phones;

    /// <summary>Every field but <c>email</c> and <c>phones</c>, by name.</summary>
    public JsonObject Fields { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>One <see cref="FieldKey"/> token per field, for matching on fields.</summary>
    public IReadOnlyCollection<string> MatchKeys => matchKeys.Values;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// A new profile from an import; <c>_regdate</c> is the server's creation time unless the changes
    /// carry one (a migration keeping its history).
    /// </summary>
    public static Profile Create(ProfileId id, int databaseId, ProfileChanges changes, DateTimeOffset now)
    {
        var profile = new Profile(id, databaseId, email: null, phones: [], fields: [], now, now);
        if (!changes.Fields.ContainsKey(SystemFields.RegistrationDate))
        {
            JsonNode registered = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            profile.Fields[SystemFields.RegistrationDate] = registered;
            profile.matchKeys[SystemFields.RegistrationDate] = FieldKey.Token(
                SystemFields.RegistrationDate,
                FieldValueParser.ComparisonKey(SystemFields.Find(SystemFields.RegistrationDate)!, registered));
        }

        profile.Apply(changes, now, created: true);
        return profile;
    }

    /// <summary>
    /// Merges an import: sent fields overwrite stored ones, absent fields stay, a phone is added
    /// when not already held, <c>_regdate</c> stays as it was set at creation. Empty values never
    /// reach here, so they never erase anything.
    /// </summary>
    public void Merge(ProfileChanges changes, DateTimeOffset now) => Apply(changes, now, created: false);

    /// <summary>An independent copy, for a decision that may be taken again from the same start.</summary>
    public Profile Copy() =>
        new(Id, DatabaseId, Email, phones, Fields.DeepClone().AsObject(), CreatedAt, UpdatedAt, MatchKeys);

    /// <summary>The comparison key of the profile's value of <paramref name="field"/>; null when it has none.</summary>
    public string? KeyOf(string field) =>
        matchKeys.TryGetValue(field, out var token) ? token[(field.Length + 1)..] : null;

    private void Apply(ProfileChanges changes, DateTimeOffset now, bool created)
    {
        if (changes.Email is { } email)
        {
            Email = email.Value;
        }

        foreach (var phone in changes.Phones)
        {
            if (!phones.Contains(phone))
            {
                phones.Add(phone);
            }
        }

        foreach (var (name, value) in changes.Fields)
        {
            if (created || name != SystemFields.RegistrationDate)
            {
                Fields[name] = value.DeepClone();
            }
        }

        foreach (var (name, key) in changes.FieldKeys)
        {
            if (created || name != SystemFields.RegistrationDate)
            {
                matchKeys[name] = FieldKey.Token(name, key);
            }
        }

        UpdatedAt = now;
    }
}
