using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// A request's claim on its deduplication key, sent inside the request's transaction (ADR 33): no
/// round trip and no transaction of its own, and it commits or rolls back with what the request
/// writes. The key's lock travels with the transaction's search, its first round trip (ADR 31), so an
/// identical request waits for this one's end; the key's row travels with the COMMIT, holding the request's outcome when
/// the transaction's result tells it (ADR 34): one row version, and nothing left to store once the
/// COMMIT is done. A key that a running or finished identical request holds is refused with an error
/// (SQLSTATE <c>QIDUP</c>), which stops the COMMIT and rolls this run back (ADR 40).
/// </summary>
internal static class TransactionalClaim
{
    /// <summary>Defers the key's lock to the transaction's first round trip: its search, which every import makes.</summary>
    public static void DeferLock(SqlSession sql, RequestClaim claim)
    {
        if (claim is { State: RequestClaimState.Pending, Key: { } key })
        {
            sql.Defer(SqlSession.Statement(DeduplicationStatements.LockKey, DeduplicationStatements.LockParameters(key)), SqlSession.IgnoreRows);
        }
    }

    /// <summary>
    /// Defers the claim to the COMMIT's round trip, with the outcome the request will answer for
    /// <paramref name="result"/> when it is known.
    /// </summary>
    /// <returns>Whether the claim carries its outcome.</returns>
    public static bool DeferClaim(SqlSession sql, RequestClaim claim, DeduplicationSettings settings, object? result)
    {
        if (claim is not { State: RequestClaimState.Pending, Key: { } key })
        {
            return false;
        }

        var outcome = claim.OutcomeFor(result);
        sql.Defer(
            SqlSession.Statement(
                DeduplicationStatements.ClaimOrRaise,
                [.. DeduplicationStatements.ClaimParameters(key, claim.Since, settings), .. DeduplicationStatements.OutcomeParameters(outcome)]),
            translateError: error => error.SqlState == DeduplicationStatements.KeyTaken ? claim.Refused() : null);
        return outcome is not null;
    }
}
