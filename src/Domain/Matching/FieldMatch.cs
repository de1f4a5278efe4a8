using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Matching;

/// <summary>A stored field value to match on.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Key">The value's comparison key (<see cref="FieldValueParser.ComparisonKey"/>).</param>
/// <param name="IsUnique">The field is unique: its holder is found through the unique values, as an email's is.</param>
public sealed record FieldMatch(string Field, string Key, bool IsUnique = false)
{
    public string Token => FieldKey.Token(Field, Key);
}
