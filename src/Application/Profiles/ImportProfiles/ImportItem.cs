using System.Collections.Frozen;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>One profile of an import, as sent.</summary>
/// <param name="Fields">Database fields (and <c>email</c>, <c>phone</c>) by name, each with the values sent: one, or several for tags.</param>
/// <param name="Phones">More phone numbers (a v1.1 item's <c>phones</c>); with phone matching each is a key.</param>
/// <param name="FieldValue">The quick import's <c>field_value</c>: the matched field's value when the field itself is not sent.</param>
/// <param name="ProfileId">The <c>profile_id</c> to match on, as sent.</param>
/// <param name="Referer">The registration URL when <c>_regurl</c> is not sent (the quick import's <c>Referer</c> header).</param>
/// <param name="Unreadable">Why the item could not be read as sent (not an object, a malformed list); it is then refused.</param>
public sealed record ImportItem(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields,
    IReadOnlyList<string> Phones,
    IReadOnlyList<ItemSubscription> Subscriptions,
    string? FieldValue = null,
    string? ProfileId = null,
    string? Referer = null,
    string? Unreadable = null)
{
    /// <summary>The fields sent as a JSON array or object, each as its JSON text: only a tags or json field takes one.</summary>
    public IReadOnlySet<string> Structured { get; init; } = FrozenSet<string>.Empty;

    /// <summary>The field's single value as sent; null when absent or empty.</summary>
    public string? Value(string name) => Fields.TryGetValue(name, out var values) && values is [{ Length: > 0 } only] ? only : null;
}
