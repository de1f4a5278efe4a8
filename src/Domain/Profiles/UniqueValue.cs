namespace QuickImport.Domain.Profiles;

/// <summary>A value of a unique field (email or a custom unique field) in its comparison form.</summary>
public sealed record UniqueValue(string Field, string Key)
{
    /// <summary>Identity of the value within a database; two imports touching it must not interleave.</summary>
    public string Identity => Fields.FieldKey.Token(Field, Key);
}
