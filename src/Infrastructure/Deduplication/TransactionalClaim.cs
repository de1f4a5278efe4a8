using Npgsql;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// A request's claim on its deduplication key, sent inside the request's transaction (ADR 33): no
/// round trip and no transaction of its own, and it commits or rolls back with what the request
/// writes. The key's row travels with the COMMIT, holding the request's answer when the
/// transaction's result tells it (ADR 34): one row version, and nothing left to store once the
/// COMMIT is done. While an identical request's transaction holds the key uncommitted, the claim
/// waits for it; a key that a running or finished identical request holds is refused with an error
/// (SQLSTATE <see cref="KeyTaken"/>), which stops the COMMIT and rolls this run back.
/// </summary>
internal static class TransactionalClaim
{
    /// <summary>The SQLSTATE of <c>quickimport_request_key_taken</c> (migration InitialSchema).</summary>
    private const string KeyTaken = "QIDUP";

    // No rows either way: the statement travels with the COMMIT, which its error stops.
    private const string Claim = PostgresDeduplicationStore.TakeKey + """

        WHERE CASE WHEN d.expires_at <= EXCLUDED.created_at THEN true ELSE quickimport_request_key_taken() END
        """;

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
            translateError: error => error.SqlState == KeyTaken ? claim.Refused() : null);
        return answer is not null;
    }
}
