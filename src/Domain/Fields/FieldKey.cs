using System.Buffers;
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

    public static string Compact(string key)
    {
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        // A long key is a long field value, once per item of a batch: its UTF-8 goes through a pooled
        // buffer and the hash's hex is written beside the prefix, one string in all.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(key.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8.AsSpan(0, Encoding.UTF8.GetBytes(key, utf8)), hash);
            Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
            Convert.TryToHexStringLower(hash, hex, out _);
            return string.Concat(HashPrefix, hex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
