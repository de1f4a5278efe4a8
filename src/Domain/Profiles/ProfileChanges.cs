using System.Text.Json.Nodes;
using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Profiles;

/// <summary>What one import sends for a profile, parsed and normalized; empty values are already left out.</summary>
/// <param name="Phones">Phone numbers in E.164, each added to the profile's phones when it lacks it; the first is its subscription contact.</param>
public sealed record ProfileChanges(
    EmailAddress? Email,
    IReadOnlyList<string> Phones,
    IReadOnlyDictionary<string, JsonNode> Fields,
    IReadOnlyList<UniqueValue> UniqueValues)
{
    /// <summary>The comparison key of each field in <see cref="Fields"/>, which matching looks up.</summary>
    public IReadOnlyDictionary<string, string> FieldKeys { get; init; } = new Dictionary<string, string>();

    public bool IsEmpty => Email is null && Phones.Count == 0 && Fields.Count == 0;

    /// <summary>The phone a subscription goes to: the first one sent.</summary>
    public string? Phone => Phones.Count > 0 ? Phones[0] : null;
}
