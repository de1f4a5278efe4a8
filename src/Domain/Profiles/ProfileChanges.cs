using System.Text.Json.Nodes;
using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Profiles;

/// <summary>What one import sends for a profile, parsed and normalized; empty values are already left out.</summary>
public sealed record ProfileChanges(
    EmailAddress? Email,
    string? Phone,
    IReadOnlyDictionary<string, JsonNode> Fields,
    IReadOnlyList<UniqueValue> UniqueValues)
{
    /// <summary>The comparison key of each field in <see cref="Fields"/>, which matching looks up.</summary>
    public IReadOnlyDictionary<string, string> FieldKeys { get; init; } = new Dictionary<string, string>();

    public bool IsEmpty => Email is null && Phone is null && Fields.Count == 0;
}
