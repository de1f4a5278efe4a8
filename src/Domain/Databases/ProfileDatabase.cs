using QuickImport.Domain.Fields;

namespace QuickImport.Domain.Databases;

/// <summary>A profile database of an account: its profiles share the system fields and its custom fields.</summary>
public sealed class ProfileDatabase
{
    private readonly List<CustomField> customFields = [];

    public ProfileDatabase(int accountId, string name)
    {
        AccountId = accountId;
        Name = name;
    }

    public int Id { get; private set; }

    public int AccountId { get; private set; }

    public string Name { get; private set; }

    public IReadOnlyList<CustomField> CustomFields => customFields;

    /// <summary>System fields first, then custom fields in creation order.</summary>
    public IEnumerable<FieldDefinition> Fields =>
        SystemFields.All.Concat(customFields.OrderBy(f => f.Id).Select(f => f.Definition));

    public FieldDefinition? FindField(string name) =>
        SystemFields.Find(name)
        ?? customFields.FirstOrDefault(f => f.Name == name)?.Definition;

    /// <summary>
    /// The field whose name is <paramref name="name"/> whatever its case: names are unique so within a
    /// database (a unique index holds it), for <c>F_INT</c> beside <c>f_int</c> would be two fields a
    /// person cannot tell apart. Parameters still name a field exactly.
    /// </summary>
    public FieldDefinition? FindFieldIgnoringCase(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public CustomField AddField(FieldDefinition definition)
    {
        var field = new CustomField(Id, definition);
        customFields.Add(field);
        return field;
    }
}
