using System.Buffers.Binary;
using System.Security.Cryptography;

namespace QuickImport.Domain.Profiles;

/// <summary>
/// A profile's id: 24 lowercase hex digits in MongoDB ObjectId layout — a 4-byte seconds timestamp,
/// 5 random bytes fixed per process, and a 3-byte counter — as Altcraft's profile ids are.
/// </summary>
public readonly record struct ProfileId : IComparable<ProfileId>
{
    public const int Length = 24;

    private static readonly byte[] ProcessRandom = RandomNumberGenerator.GetBytes(5);
    private static int counter = RandomNumberGenerator.GetInt32(0, 0x1000000);

    private ProfileId(string value) => Value = value;

    public string Value { get; }

    public static ProfileId New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        ProcessRandom.CopyTo(bytes[4..]);
        var next = Interlocked.Increment(ref counter) & 0xFFFFFF;
        bytes[9] = (byte)(next >> 16);
        bytes[10] = (byte)(next >> 8);
        bytes[11] = (byte)next;
        return new ProfileId(Convert.ToHexStringLower(bytes));
    }

    public static bool TryParse(string? text, out ProfileId id)
    {
        id = default;
        if (text is null || text.Length != Length || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        id = new ProfileId(text.ToLowerInvariant());
        return true;
    }

    /// <summary>Rebuilds an id read back from storage, where it was written valid.</summary>
    public static ProfileId FromStorage(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a profile id");

    public int CompareTo(ProfileId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
