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

    public Deferred<TariffState> Enter(int accountId)
    {
        var state = new Deferred<TariffState>();
        sql.Defer(SqlSession.Statement(LockShared, Int(AccountLockClass), Int(accountId)), SqlSession.IgnoreRows);
        sql.Defer(
            SqlSession.Statement(ReadState, Int(accountId)),
            async (reader, ct) => state.Resolve(await reader.ReadAsync(ct)
                ? new TariffState(await reader.IsDBNullAsync(0, ct) ? null : reader.GetInt32(0), reader.GetBoolean(1))
                : throw new InvalidOperationException($"Account {accountId} vanished during an import.")));
        return state;
    }

    public async Task<bool> TryClaimRoomAsync(int accountId, CancellationToken cancellationToken) =>
        await ClaimAsync(ClaimUnheld, accountId, cancellationToken) || await ClaimAsync(ClaimWaiting, accountId, cancellationToken);

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

    private async Task<bool> ClaimAsync(string claim, int accountId, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(claim, new NpgsqlParameter<int> { TypedValue = accountId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
