using Npgsql;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// A request's claim on its deduplication key, sent inside the request's transaction (ADR 33): no
/// round trip and no transaction of its own, and it commits or rolls back with what the request
/// writes. Its first statements wait while an identical request's transaction is open, then refuse a
/// key that a running or finished identical request holds, with an error (SQLSTATE
/// <see cref="KeyTaken"/>) that rolls this run back. The key's row itself travels with the COMMIT,
/// holding the request's answer when the transaction's result tells it (ADR 34): one row version,
/// and nothing left to store once the COMMIT is done.
/// </summary>
internal static class TransactionalClaim
{
    /// <summary>The SQLSTATE of <c>quickimport_request_key_taken</c> (migration RequestKeyTakenError).</summary>
    private const string KeyTaken = "QIDUP";

    // A procedure (migration RequestKeyAwaited): no rows, so it may travel with any query or the COMMIT.
    private const string AwaitKey = "CALL quickimport_await_request_key($1, $2)";

    // No rows either way, and a key taken meanwhile (by a request that committed nothing and claimed
    // it afterwards, on its own connection) stops the COMMIT.
    private const string Claim = PostgresDeduplicationStore.TakeKey + """

        WHERE CASE WHEN d.expires_at <= EXCLUDED.created_at THEN true ELSE quickimport_request_key_taken() END
        """;

    /// <summary>Defers the wait for an identical request, when the request has a claim still to make, to the transaction's first round trip.</summary>
    public static void DeferAwait(SqlSession sql, RequestClaim claim)
    {
        if (claim.State is not RequestClaimState.Pending)
        {
            return;
        }

        sql.Defer(
            SqlSession.Statement(
                AwaitKey,
                new NpgsqlParameter<string> { TypedValue = claim.Key },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = claim.Since }),
            translateError: error => Refusal(claim, error));
    }

    /// <summary>
    /// Defers the claim to the COMMIT's round trip, with the answer the request will send for
    /// <paramref name="result"/> when it is known.
    /// </summary>
    /// <returns>Whether the claim carries its answer.</returns>
    public static bool DeferClaim(SqlSession sql, RequestClaim claim, object? result)
    {
        if (claim.State is not RequestClaimState.Pending)
        {
            return false;
        }

        var answer = claim.AnswerFor(result);
        sql.Defer(
            SqlSession.Statement(
                Claim,
                PostgresDeduplicationStore.TakeKeyParameters(claim.Key!, claim.Since, answer is null ? claim.LeaseEnds : claim.AnswerExpires, answer)),
            translateError: error => Refusal(claim, error));
        return answer is not null;
    }

    private static DuplicateRequestException? Refusal(RequestClaim claim, PostgresException error) =>
        error.SqlState == KeyTaken ? claim.Refused() : null;
}
