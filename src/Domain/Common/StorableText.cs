namespace QuickImport.Domain.Common;

/// <summary>
/// The one rule for text the service keeps: PostgreSQL refuses U+0000 in <c>text</c> and <c>jsonb</c>,
/// and an unpaired UTF-16 surrogate has no UTF-8 form, so either would fail the write after every other
/// check had passed. Text with one is refused where it comes in, naming the value.
/// </summary>
public static class StorableText
{
    public const string NulCharacter = "contains a NUL character (U+0000), which cannot be stored";

    public const string UnpairedSurrogate = "contains an unpaired surrogate (U+D800 to U+DFFF), which is not Unicode text";

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Flaw(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return NulCharacter;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return UnpairedSurrogate;
            }
        }

        return null;
    }

    public static bool IsStorable(string text) => Flaw(text) is null;
}
