using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Databases;

/// <summary>A field added to one database through the admin API.</summary>
public sealed class CustomField
{
    private CustomField()
    {
        Name = string.Empty;
        Options = [];
    }

    internal CustomField(int databaseId, FieldDefinition definition)
    {
        DatabaseId = databaseId;
        Name = definition.Name;
        Type = definition.Type;
        IsUnique = definition.IsUnique;
        IsRequired = definition.IsRequired;
        Options = [.. definition.Options];
    }

    public int Id { get; private set; }

    public int DatabaseId { get; private set; }

    public string Name { get; private set; }

    public FieldType Type { get; private set; }

    public bool IsUnique { get; private set; }

    public bool IsRequired { get; private set; }

    public List<string> Options { get; private set; }

    public FieldDefinition Definition => new(Name, Type, IsUnique, IsRequired, IsSystem: false, Options);
}
