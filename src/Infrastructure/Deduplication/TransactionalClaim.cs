using Npgsql;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// A request's claim on its deduplication key, sent inside the request's transaction with its first
/// statements (ADR 33): no round trip and no transaction of its own, and it commits or rolls back
/// with what the request writes. While an identical request's transaction holds the key uncommitted,
/// the claim waits for it; a key held by a running or finished identical request is refused with an
/// error (SQLSTATE <see cref="KeyTaken"/>), which rolls this run back.
/// </summary>
internal static class TransactionalClaim
{
    /// <summary>The SQLSTATE of <c>quickimport_request_key_taken</c> (migration RequestKeyTakenError).</summary>
    private const string KeyTaken = "QIDUP";

    // No rows either way: the statement may travel with any query, or with the COMMIT, which its error stops.
    private const string Claim = PostgresDeduplicationStore.TakeKey + """

        WHERE CASE WHEN d.expires_at <= EXCLUDED.created_at THEN true ELSE quickimport_request_key_taken() END
        """;

    /// <summary>Defers the claim, when the request has one still to make, to the transaction's first round trip.</summary>
    public static void DeferInto(SqlSession sql, RequestClaim claim)
    {
        if (claim.State is not RequestClaimState.Pending)
        {
            return;
        }

        sql.Defer(
            SqlSession.Statement(
                Claim,
                new NpgsqlParameter<string> { TypedValue = claim.Key },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = claim.Since },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = claim.LeaseEnds }),
            translateError: error => error.SqlState == KeyTaken ? claim.Refused() : null);
    }
}
