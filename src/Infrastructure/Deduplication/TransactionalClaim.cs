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
    /// <remarks>A batch's keys are locked in ascending order, each once (ADR 42).</remarks>
    public static void DeferLock(SqlSession sql, RequestClaim claim)
    {
        switch (claim)
        {
            case { State: not RequestClaimState.Pending }:
                return;
            case { Keys: [var key] }:
                sql.Defer(SqlSession.Statement(DeduplicationStatements.LockKey, DeduplicationStatements.LockParameters(key)), SqlSession.IgnoreRows);
                return;
            case { Keys: { Count: > 1 } keys }:
                sql.Defer(SqlSession.Statement(DeduplicationStatements.LockKeys, DeduplicationStatements.LockEachParameters(keys)), SqlSession.IgnoreRows);
                return;
        }
    }

    /// <summary>
    /// Defers the claim to the COMMIT's round trip, with the outcome the request will answer for
    /// <paramref name="result"/> when it is known.
    /// </summary>
    /// <returns>Whether the claim carries its outcome.</returns>
    /// <remarks>
    /// A batch's keys are claimed by one statement, each with its item's outcome; a batch's result
    /// always tells them (its claim is only ever made with them).
    /// </remarks>
    public static bool DeferClaim(SqlSession sql, RequestClaim claim, DeduplicationSettings settings, object? result)
    {
        if (claim is not { State: RequestClaimState.Pending, Keys: { Count: > 0 } keys })
        {
            return false;
        }

        var outcomes = claim.OutcomesFor(result);
        var statement = keys is [var key]
            ? SqlSession.Statement(
                DeduplicationStatements.ClaimOrRaise,
                [.. DeduplicationStatements.ClaimParameters(key, claim.Since, settings), .. DeduplicationStatements.OutcomeParameters(outcomes?[0])])
            : SqlSession.Statement(
                DeduplicationStatements.ClaimEachOrRaise,
                DeduplicationStatements.ClaimEachParameters(keys, outcomes ?? throw new InvalidOperationException("a batch's claim is made with its outcomes"), claim.Since, settings));
        sql.Defer(statement, translateError: error => error.SqlState == DeduplicationStatements.KeyTaken ? claim.Refused() : null);
        return outcomes is not null;
    }
}
