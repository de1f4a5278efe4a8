using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Application.UnitTests.Common.Deduplication;

/// <summary>A request's deduplication key: the first 128 bits of its digest, shown as hex, locked by its first 32.</summary>
public sealed class RequestKeyTests
{
    private static readonly byte[] Digest = [.. Enumerable.Range(0xa0, 32).Select(i => (byte)i)];

    [Test]
    public void The_key_is_the_digests_first_sixteen_bytes_shown_in_hex_in_their_order()
    {
        var key = RequestKey.Of(Digest);

        Assert.That(key.ToString(), Is.EqualTo(Convert.ToHexStringLower(Digest[..16])));
        Assert.That(key, Is.EqualTo(RequestKey.Of([.. Digest[..16], .. new byte[16]])), "the rest of the digest is not part of it");
    }

    [Test]
    public void Its_lock_is_the_digests_first_four_bytes_big_endian()
    {
        Assert.That(RequestKey.Of(Digest).LockKey, Is.EqualTo(unchecked((int)0xa0a1a2a3)));
    }
}
