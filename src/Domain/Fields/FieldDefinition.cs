namespace QuickImport.Domain.Fields;

/// <summary>A field of a profile database: a system field every database has, or a custom one.</summary>
public sealed record FieldDefinition(
    string Name,
    FieldType Type,
    bool IsUnique = false,
    bool IsRequired = false,
    bool IsSystem = false,
    IReadOnlyList<string>? Options = null)
{
    public IReadOnlyList<string> Options { get; init; } = Options ?? [];
}
