namespace QuickImport.Domain.Fields;

/// <summary>The naming rule of custom fields: a letter, then letters, digits or '_', at most 64 characters.</summary>
public static class FieldName
{
    public const int MaxLength = 64;

    public static bool IsValidCustom(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
