using System.Buffers.Binary;

namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// What a request is deduplicated by: a 128-bit digest of its identity (docs/api.md §6), stored as a
/// PostgreSQL <c>uuid</c> — sixteen bytes, not the text of a hash.
/// </summary>
public readonly record struct RequestKey(Guid Digest)
{
    /// <summary>The key of a digest's first sixteen bytes (a SHA-256 truncated: collisions stay out of reach).</summary>
    public static RequestKey Of(ReadOnlySpan<byte> digest) => new(new Guid(digest[..16], bigEndian: true));

    /// <summary>
    /// The advisory lock that serialises claims of this key across every instance (ADR 40): two
    /// keys sharing it only wait for each other.
    /// </summary>
    public int LockKey
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            Digest.TryWriteBytes(bytes, bigEndian: true, out _);
            return BinaryPrimitives.ReadInt32BigEndian(bytes);
        }
    }

    /// <summary>32 hex digits, as the <c>Duplicate-Key</c> header and the logs show it.</summary>
    public override string ToString() => Digest.ToString("N");
}
