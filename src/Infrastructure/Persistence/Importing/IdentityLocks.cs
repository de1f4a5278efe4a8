using Npgsql;
using QuickImport.Infrastructure.Persistence.Repositories;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>
/// Turns taken by imports that share an identity no unique index guards (a phone number, a value of
/// a field that is not unique), as transaction-scoped advisory locks, in two levels so that a batch
/// of thousands holds a bounded number of locks (PostgreSQL's lock table is shared and small):
/// a few identities lock each one exclusively and its bucket shared; many lock their buckets
/// exclusively. Either way two imports sharing an identity exclude each other, and every import takes
/// its locks in one order — buckets, then identities, each sorted — so none waits in a circle.
/// </summary>
internal static class IdentityLocks
{
    /// <summary>Over this many identities, an import locks their buckets instead.</summary>
    public const int MostOneByOne = 64;

    /// <summary>How many buckets identities fall in, at most as many locks as a batch holds.</summary>
    public const int Buckets = 1024;

    // Buckets are advisory lock class 2 (the tariff's accounts are class 1).
    private const string LockBucketsShared =
        "SELECT pg_advisory_xact_lock_shared(2, b) FROM (SELECT DISTINCT b FROM unnest($1::int[]) AS u(b) ORDER BY b) AS s";

    private const string LockBuckets =
        "SELECT pg_advisory_xact_lock(2, b) FROM (SELECT DISTINCT b FROM unnest($1::int[]) AS u(b) ORDER BY b) AS s";

    private const string LockIdentities =
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM unnest($1::bigint[]) AS u(k) ORDER BY k) AS s";

    /// <summary>Defers the locks on <paramref name="identities"/> of the database to the transaction's next query.</summary>
    public static void Defer(SqlSession sql, int databaseId, IReadOnlyCollection<string> identities)
    {
        if (identities.Count == 0)
        {
            return;
        }

        var keys = identities.Select(i => IdentityLockKey.For(databaseId, i)).ToArray();
        var buckets = keys.Select(k => (int)((ulong)k % Buckets)).ToArray();
        if (keys.Length > MostOneByOne)
        {
            sql.Defer(SqlSession.Statement(LockBuckets, new NpgsqlParameter<int[]> { TypedValue = buckets }), SqlSession.IgnoreRows);
            return;
        }

        sql.Defer(SqlSession.Statement(LockBucketsShared, new NpgsqlParameter<int[]> { TypedValue = buckets }), SqlSession.IgnoreRows);
        sql.Defer(SqlSession.Statement(LockIdentities, new NpgsqlParameter<long[]> { TypedValue = keys }), SqlSession.IgnoreRows);
    }
}
