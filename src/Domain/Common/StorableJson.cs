using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuickImport.Domain.Common;

/// <summary>
/// JSON a value sends as text (a <c>json</c> field, a tags array) that <c>jsonb</c> can hold: every name
/// and string <see cref="StorableText"/> — escapes like <c>\u0000</c> hide from a check of the raw
/// text — and every number within the range of a double, since PostgreSQL's <c>numeric</c> refuses
/// exponents past about ±16 000 and writes a large one out in full.
/// </summary>
public static class StorableJson
{
    public const string NumberOutOfRange = "holds a number outside the range of a double-precision float";

    /// <summary>Why <paramref name="node"/> cannot be stored, or null when it can.</summary>
    public static string? Flaw(JsonNode? node)
    {
        try
        {
            return FlawOf(node);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads a "\uD800" escape without its partner only when asked for the string.
            return StorableText.UnpairedSurrogate;
        }
    }

    private static string? FlawOf(JsonNode? node) => node switch
    {
        JsonObject members => members
            .Select(member => StorableText.Flaw(member.Key) ?? FlawOf(member.Value))
            .FirstOrDefault(flaw => flaw is not null),
        JsonArray items => items.Select(FlawOf).FirstOrDefault(flaw => flaw is not null),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => StorableText.Flaw(value.GetValue<string>()),
            JsonValueKind.Number => IsInRange(value.ToJsonString()) ? null : NumberOutOfRange,
            _ => null,
        },
        _ => null,
    };

    // A number too small for a double reads as 0; only digits that are all zero may.
    private static bool IsInRange(string number)
    {
        var parsed = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        var exponent = number.AsSpan().IndexOfAny('e', 'E');
        var digits = exponent < 0 ? number.AsSpan() : number.AsSpan(0, exponent);
        return double.IsFinite(parsed) && (parsed != 0 || !digits.ContainsAnyInRange('1', '9'));
    }
}
