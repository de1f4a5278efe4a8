using System.Text.Json.Nodes;

namespace QuickImport.Domain.Matching;

/// <summary>A stored field value to match on.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Value">The value in its typed JSON form, as profiles store it.</param>
/// <param name="Key">The value's comparison key (<see cref="Fields.FieldValueParser.ComparisonKey"/>).</param>
/// <param name="IsUnique">The field is unique, so its values are indexed by key.</param>
public sealed record FieldMatch(string Field, JsonNode Value, string Key, bool IsUnique);
