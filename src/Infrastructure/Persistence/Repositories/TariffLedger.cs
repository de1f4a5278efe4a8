using Npgsql;
using NpgsqlTypes;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Common;
using QuickImport.Domain.Tariff;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Repositories;

/// <summary>
/// The profile limit, exact under any concurrency without one hot counter row. The room an account
/// has left is split over <see cref="TariffStripeRecord.StripesPerAccount"/> rows; a create takes
/// one unit from a row no other transaction holds (SKIP LOCKED), and only when every row with room
/// is held does it wait for one. Imports hold the account's advisory lock shared; a change of the
/// limit holds it exclusively while it recounts, so it never races a create.
/// </summary>
internal sealed class TariffLedger(SqlSession sql, IAccountRepository accounts) : ITariffLedger
{
    private const int AccountLockClass = 1;

    private const string LockShared = "SELECT pg_advisory_xact_lock_shared($1, $2)";

    private const string LockExclusive = "SELECT pg_advisory_xact_lock($1, $2)";

    private const string ReadState = "SELECT profile_limit, tariff_exceeded FROM accounts WHERE id = $1";

    private const string ClaimUnheld = """
        UPDATE tariff_stripes SET remaining = remaining - 1
        WHERE (account_id, stripe) = (
            SELECT account_id, stripe FROM tariff_stripes
            WHERE account_id = $1 AND remaining > 0
            ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING stripe
        """;

    // Room for many creates at once: every stripe with room, locked in stripe order (as waiters walk
    // them), each giving what the stripes before it did not.
    private const string ClaimMany = """
        WITH locked AS (
            SELECT stripe, remaining FROM tariff_stripes
            WHERE account_id = $1 AND remaining > 0
            ORDER BY stripe FOR UPDATE),
        taken AS (
            SELECT stripe, LEAST(remaining, GREATEST($2 - (SUM(remaining) OVER (ORDER BY stripe) - remaining), 0)) AS n
            FROM locked)
        UPDATE tariff_stripes t SET remaining = t.remaining - taken.n
        FROM taken
        WHERE t.account_id = $1 AND t.stripe = taken.stripe AND taken.n > 0
        RETURNING t.stripe, taken.n
        """;

    private const string ReturnRoom = "UPDATE tariff_stripes SET remaining = remaining + $3 WHERE account_id = $1 AND stripe = $2";

    // A row whose re-check fails after the wait stays locked until commit (PostgreSQL keeps row
    // locks), so waiters must walk the rows in one order: in any other order two of them can each
    // hold the row the other waits for.
    private const string ClaimWaiting = """
        UPDATE tariff_stripes SET remaining = remaining - 1
        WHERE (account_id, stripe) = (
            SELECT account_id, stripe FROM tariff_stripes
            WHERE account_id = $1 AND remaining > 0
            ORDER BY stripe LIMIT 1 FOR UPDATE)
        RETURNING stripe
        """;

    private const string WriteLimit = """
        UPDATE accounts SET profile_limit = $2, tariff_exceeded = $2 IS NOT NULL AND $2 < $3 WHERE id = $1
        """;

    private const string ClearStripes = "DELETE FROM tariff_stripes WHERE account_id = $1";

    private const string FillStripes = """
        INSERT INTO tariff_stripes (account_id, stripe, remaining)
        SELECT $1, s, $2 / $3 + CASE WHEN s < $2 % $3 THEN 1 ELSE 0 END FROM generate_series(0, $3 - 1) AS s
        """;

    /// <summary>
    /// Joins the account's tariff for the current transaction and reads its state, both with the
    /// transaction's next query.
    /// </summary>
    public void Join(int accountId, Action<TariffState> read)
    {
        sql.Defer(SqlSession.Statement(LockShared, Int(AccountLockClass), Int(accountId)), SqlSession.IgnoreRows);
        sql.Defer(
            SqlSession.Statement(ReadState, Int(accountId)),
            async (reader, ct) => read(await reader.ReadAsync(ct)
                ? new TariffState(await reader.IsDBNullAsync(0, ct) ? null : reader.GetInt32(0), reader.GetBoolean(1))
                : throw new InvalidOperationException($"Account {accountId} vanished during an import.")));
    }

    /// <summary>Claims room for up to <paramref name="wanted"/> new profiles, held until the transaction ends.</summary>
    /// <returns>The room claimed: how much, and from which stripe, to give back what goes unused.</returns>
    public async Task<TariffRoom> ClaimRoomAsync(int accountId, int wanted, CancellationToken cancellationToken)
    {
        if (wanted == 1)
        {
            var stripe = await ClaimOneAsync(ClaimUnheld, accountId, cancellationToken)
                ?? await ClaimOneAsync(ClaimWaiting, accountId, cancellationToken);
            return new TariffRoom(stripe is null ? 0 : 1, stripe);
        }

        await using var command = sql.Command(ClaimMany, Int(accountId), Int(wanted));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (claimed, first) = (0, (int?)null);
        while (await reader.ReadAsync(cancellationToken))
        {
            first ??= reader.GetInt32(0);
            claimed += reader.GetInt32(1);
        }

        return new TariffRoom(claimed, first);
    }

    /// <summary>Gives back, with the transaction's COMMIT, room claimed but not used.</summary>
    public void GiveBack(int accountId, TariffRoom room, int unused)
    {
        if (unused > 0 && room.Stripe is { } stripe)
        {
            sql.Defer(SqlSession.Statement(ReturnRoom, Int(accountId), Int(stripe), Int(unused)));
        }
    }

    public async Task ApplyLimitAsync(int accountId, int? limit, CancellationToken cancellationToken)
    {
        await using (var command = sql.Command(LockExclusive, Int(AccountLockClass), Int(accountId)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Counted in this transaction, under the exclusive lock: no create can slip in meanwhile.
        var count = await accounts.CountProfilesAsync(accountId, cancellationToken);

        var limitParameter = new NpgsqlParameter { Value = (object?)limit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };
        await using var batch = sql.Batch(
            SqlSession.Statement(WriteLimit, Int(accountId), limitParameter, new NpgsqlParameter<long> { TypedValue = count }),
            SqlSession.Statement(ClearStripes, Int(accountId)));
        if (limit is { } room)
        {
            batch.BatchCommands.Add(SqlSession.Statement(
                FillStripes,
                Int(accountId),
                Int((int)Math.Max(room - count, 0)),
                Int(TariffStripeRecord.StripesPerAccount)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<int> Int(int value) => new() { TypedValue = value };

    private async Task<int?> ClaimOneAsync(string claim, int accountId, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(claim, Int(accountId));
        return await command.ExecuteScalarAsync(cancellationToken) is short stripe ? stripe : null;
    }
}
