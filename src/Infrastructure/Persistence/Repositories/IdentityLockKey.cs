using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace QuickImport.Infrastructure.Persistence.Repositories;

/// <summary>
/// The 64-bit PostgreSQL advisory lock key of an identity within a database. A collision of two
/// identities only makes their imports wait for each other; it never lets two interleave.
/// </summary>
internal static class IdentityLockKey
{
    public static long For(int databaseId, string identity)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{databaseId}:{identity}"), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
