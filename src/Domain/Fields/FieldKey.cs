using System.Security.Cryptography;
using System.Text;

namespace QuickImport.Domain.Fields;

/// <summary>
/// The indexed form of a field's value: <c>name=key</c>, where the key is the value's comparison
/// form (<see cref="FieldValueParser.ComparisonKey"/>). Profiles keep one per field, so matching
/// on any field is an index lookup of exact, normalized equality.
/// </summary>
public static class FieldKey
{
    /// <summary>Longer keys are replaced by their hash: an index entry must stay small.</summary>
    public const int MaxKeyLength = 200;

    private const string HashPrefix = "sha256:";

    public static string Token(string field, string key) => $"{field}={key}";

    /// <summary>The field a token belongs to (field names never hold '=').</summary>
    public static string FieldOf(string token) => token[..token.IndexOf('=', StringComparison.Ordinal)];

    public static string Compact(string key) =>
        key.Length <= MaxKeyLength ? key : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
