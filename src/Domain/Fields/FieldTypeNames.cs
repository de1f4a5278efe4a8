namespace QuickImport.Domain.Fields;

/// <summary>The wire names of field types, as the admin API and the read API show them.</summary>
public static class FieldTypeNames
{
    private static readonly Dictionary<FieldType, string> Names = new()
    {
        [FieldType.String] = "string",
        [FieldType.Int] = "int",
        [FieldType.Float] = "float",
        [FieldType.Bool] = "bool",
        [FieldType.Date] = "date",
        [FieldType.DateTime] = "datetime",
        [FieldType.Enum] = "enum",
        [FieldType.Tags] = "tags",
        [FieldType.Json] = "json",
        [FieldType.Email] = "email",
        [FieldType.Phone] = "phone",
        [FieldType.Ip] = "ip",
        [FieldType.PhoneList] = "phones",
    };

    public static string Name(this FieldType type) => Names[type];

    /// <summary>Types a custom field may be created with (the phone list is the system field's alone).</summary>
    public static bool TryParseCustom(string? name, out FieldType type)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (candidate != FieldType.PhoneList && string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
