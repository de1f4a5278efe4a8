using Npgsql;
using NpgsqlTypes;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// The SQL of <c>request_deduplication</c> (ADR 40): a table partitioned by the time of the claim,
/// holding per request its key, claim time and compact outcome (the key is made from the token or
/// the account, so it names the account itself). A key is <i>live</i> while
/// its request runs (for the lease) or its outcome is replayed (for the window); a claim takes a key
/// that no live row holds. Claims of one key are serialised by an advisory lock (class 3) taken just
/// before the check: there is no unique index across time slices, and the lock makes the check and
/// the insert one step for every instance.
/// </summary>
internal static class DeduplicationStatements
{
    /// <summary>
    /// The key's advisory lock until the transaction ends: class 3 (the tariff's accounts are class 1,
    /// identity buckets class 2).
    /// </summary>
    public const string LockKey = "SELECT pg_advisory_xact_lock(3, $1)";

    /// <summary>The locks of a batch's keys ($1, an array), taken one after another in the array's order.</summary>
    public const string LockKeys = "SELECT pg_advisory_xact_lock(3, k) FROM unnest($1::integer[]) AS k";

    // $1 the key, $2 the earliest claim time a finished key is live from, $3 a running one's.
    private static readonly string Live = LiveRow("$1");

    /// <summary>Claims the key when no live row holds it ($4 the claim time).</summary>
    public static readonly string ClaimIfFree = $"""
        INSERT INTO request_deduplication (key, claimed_at)
        SELECT $1, $4 WHERE NOT EXISTS (SELECT FROM request_deduplication WHERE {Live})
        """;

    /// <summary>The live row, the newest if two are (a holder whose lease ran out completed late).</summary>
    public static readonly string ReadLive = $"""
        SELECT status, profile_id, created, details, claimed_at FROM request_deduplication
        WHERE {Live} ORDER BY claimed_at DESC LIMIT 1
        """;

    /// <summary>
    /// Claims the key with its outcome (or without, $5 null) or raises SQLSTATE <c>QIDUP</c> when a
    /// live row holds it: no rows either way, so it travels with the COMMIT, which its error stops.
    /// </summary>
    public static readonly string ClaimOrRaise = $"""
        INSERT INTO request_deduplication (key, claimed_at, status, profile_id, created, details)
        SELECT $1, $4, $5, $6, $7, $8
        WHERE CASE WHEN EXISTS (SELECT FROM request_deduplication WHERE {Live}) THEN quickimport_request_key_taken() ELSE true END
        """;

    /// <summary>
    /// A batch's <see cref="ClaimOrRaise"/>: claims each key of the array $1 with its outcome (the
    /// arrays $5… in the same order), or raises SQLSTATE <c>QIDUP</c> when a live row holds any of them.
    /// </summary>
    public static readonly string ClaimEachOrRaise = $"""
        INSERT INTO request_deduplication (key, claimed_at, status, profile_id, created, details)
        SELECT c.claimed_key, $4, c.outcome_status, c.outcome_profile_id, c.outcome_created, c.outcome_details
        FROM unnest($1::uuid[], $5::smallint[], $6::bytea[], $7::boolean[], $8::bytea[])
            AS c(claimed_key, outcome_status, outcome_profile_id, outcome_created, outcome_details)
        WHERE CASE WHEN EXISTS (SELECT FROM request_deduplication WHERE {LiveRow("c.claimed_key")}) THEN quickimport_request_key_taken() ELSE true END
        """;

    /// <summary>Each live row of the keys of the array $1, the newest of a key if two are (as <see cref="ReadLive"/>), its key first.</summary>
    public static readonly string ReadEachLive = $"""
        SELECT DISTINCT ON (key) key, status, profile_id, created, details, claimed_at FROM request_deduplication
        WHERE {LiveRow("ANY($1)")} ORDER BY key, claimed_at DESC
        """;

    /// <summary>The running claim's outcome, unless its lease ran out ($1 key, $2 claim time, $3 the earliest live claim time, $4… the outcome).</summary>
    public const string Complete = """
        UPDATE request_deduplication SET status = $4, profile_id = $5, created = $6, details = $7
        WHERE key = $1 AND claimed_at = $2 AND status IS NULL AND claimed_at > $3
        """;

    public const string Release = "DELETE FROM request_deduplication WHERE key = $1 AND claimed_at = $2 AND status IS NULL";

    /// <summary>The SQLSTATE of <c>quickimport_request_key_taken()</c> (migration InitialSchema).</summary>
    public const string KeyTaken = "QIDUP";

    // Whether a row of request_deduplication is live for the key named by the SQL expression <paramref name="key"/>.
    private static string LiveRow(string key) => $"key = {key} AND claimed_at > $2 AND (status IS NOT NULL OR claimed_at > $3)";

    public static NpgsqlParameter[] LockParameters(RequestKey key) =>
        [new NpgsqlParameter<int> { TypedValue = key.LockKey }];

    /// <summary>The locks of a batch's keys, each once, in ascending order: two batches sharing keys take them alike and never deadlock.</summary>
    public static NpgsqlParameter[] LockEachParameters(IReadOnlyList<RequestKey> keys) =>
        [new NpgsqlParameter<int[]> { TypedValue = [.. keys.Select(k => k.LockKey).Distinct().Order()] }];

    /// <summary>The key and the bounds of what is live for a claim made at <paramref name="since"/>.</summary>
    public static NpgsqlParameter[] LiveParameters(RequestKey key, DateTimeOffset since, DeduplicationSettings settings) =>
        [new NpgsqlParameter<Guid> { TypedValue = key.Digest }, .. LiveBounds(since, settings)];

    /// <summary>The keys, an array, and the bounds of what is live for a claim made at <paramref name="since"/>.</summary>
    public static NpgsqlParameter[] LiveEachParameters(IReadOnlyList<RequestKey> keys, DateTimeOffset since, DeduplicationSettings settings) =>
        [new NpgsqlParameter<Guid[]> { TypedValue = [.. keys.Select(k => k.Digest)] }, .. LiveBounds(since, settings)];

    public static NpgsqlParameter[] ClaimParameters(RequestKey key, DateTimeOffset since, DeduplicationSettings settings) =>
    [
        .. LiveParameters(key, since, settings),
        new NpgsqlParameter<DateTimeOffset> { TypedValue = since },
    ];

    /// <summary><see cref="ClaimEachOrRaise"/>'s parameters: each key with its outcome, in the same order.</summary>
    public static NpgsqlParameter[] ClaimEachParameters(
        IReadOnlyList<RequestKey> keys,
        IReadOnlyList<StoredOutcome> outcomes,
        DateTimeOffset since,
        DeduplicationSettings settings) =>
    [
        .. LiveEachParameters(keys, since, settings),
        new NpgsqlParameter<DateTimeOffset> { TypedValue = since },
        new NpgsqlParameter<short[]> { TypedValue = [.. outcomes.Select(o => (short)o.Status)] },
        new NpgsqlParameter { Value = outcomes.Select(o => ProfileIdBytes(o.ProfileId)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
        new NpgsqlParameter<bool[]> { TypedValue = [.. outcomes.Select(o => o.Created)] },
        new NpgsqlParameter { Value = outcomes.Select(o => o.Details).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
    ];

    /// <summary>The outcome's columns: status, profile id, created, details (all null/false for a running claim).</summary>
    public static NpgsqlParameter[] OutcomeParameters(StoredOutcome? outcome) =>
    [
        new NpgsqlParameter { Value = (object?)(short?)outcome?.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint },
        new NpgsqlParameter { Value = (object?)ProfileIdBytes(outcome?.ProfileId) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea },
        new NpgsqlParameter<bool> { TypedValue = outcome?.Created ?? false },
        new NpgsqlParameter { Value = (object?)outcome?.Details ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea },
    ];

    /// <summary>The row <see cref="ReadLive"/> read, as a claim's answer: the key is this caller's when the row is its claim of <paramref name="mine"/>.</summary>
    public static async Task<DeduplicationClaim> ReadClaimAsync(NpgsqlDataReader reader, DateTimeOffset mine, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Released between the statements of another claim: the caller pauses and claims again.
            return new DeduplicationClaim.InProgress();
        }

        if (await reader.IsDBNullAsync(0, cancellationToken))
        {
            return reader.GetFieldValue<DateTimeOffset>(4) == mine
                ? new DeduplicationClaim.Claimed(mine)
                : new DeduplicationClaim.InProgress();
        }

        return new DeduplicationClaim.Completed(await OutcomeAsync(reader, 0, cancellationToken));
    }

    /// <summary>The rows <see cref="ReadEachLive"/> read, by key: a finished request's outcome, or one still running.</summary>
    public static async Task<Dictionary<Guid, DeduplicationClaim>> ReadEachClaimAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var live = new Dictionary<Guid, DeduplicationClaim>();
        while (await reader.ReadAsync(cancellationToken))
        {
            live[reader.GetGuid(0)] = await reader.IsDBNullAsync(1, cancellationToken)
                ? new DeduplicationClaim.InProgress()
                : new DeduplicationClaim.Completed(await OutcomeAsync(reader, 1, cancellationToken));
        }

        return live;
    }

    // The outcome's columns (status, profile id, created, details) from the ordinal first.
    private static async Task<StoredOutcome> OutcomeAsync(NpgsqlDataReader reader, int first, CancellationToken cancellationToken) => new(
        reader.GetInt16(first),
        await reader.IsDBNullAsync(first + 1, cancellationToken) ? null : Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(first + 1)),
        reader.GetBoolean(first + 2),
        await reader.IsDBNullAsync(first + 3, cancellationToken) ? null : reader.GetFieldValue<byte[]>(first + 3));

    // The earliest claim times a finished key ($2) and a running one ($3) are live from.
    private static NpgsqlParameter[] LiveBounds(DateTimeOffset since, DeduplicationSettings settings) =>
    [
        new NpgsqlParameter<DateTimeOffset> { TypedValue = since - settings.Window },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = since - settings.Lease },
    ];

    // A profile id is 24 hex digits: kept as its 12 bytes.
    private static byte[]? ProfileIdBytes(string? profileId) => profileId is null ? null : Convert.FromHexString(profileId);
}
