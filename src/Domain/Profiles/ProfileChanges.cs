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
    public bool IsEmpty => Email is null && Phone is null && Fields.Count == 0;
}
