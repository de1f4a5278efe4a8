using Npgsql;
using NpgsqlTypes;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// The deduplication keys in PostgreSQL, so every instance behind a load balancer shares them. An
/// import claims its key inside its own transaction, with its answer (<see cref="TransactionalClaim"/>);
/// the claims made here — a repeat's, waiting for its twin's outcome, or a request's that committed
/// nothing — and the releases are one statement each on a connection of their own; the other
/// outcomes are stored behind the answers, many in a round trip (<see cref="DeduplicationOutcomeWriter"/>).
/// </summary>
/// <remarks>
/// Its connections commit asynchronously (<c>synchronous_commit=off</c>): a key costs no WAL flush
/// of its own. A crash of PostgreSQL may lose the last fraction of a second of keys, and a request
/// retried across that crash then runs again — as it would without deduplication; the imports
/// themselves stay fully durable.
/// </remarks>
internal sealed class PostgresDeduplicationStore(NpgsqlDataSource dataSource, DeduplicationOutcomeWriter outcomes, TimeProvider clock)
    : IRequestDeduplicationStore, IAsyncDisposable
{
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    // The key is taken when new, or when its previous holder's row expired (a finished response past
    // the window, or a running request whose lease ran out because its process died): the statement
    // ends with the test of that, "WHERE d.expires_at <= EXCLUDED.created_at". The row is a running
    // request's (no status) or, taken with its answer (ADR 34), a finished one's.
    internal const string TakeKey = """
        INSERT INTO request_deduplication AS d (key, status, content_type, body, created_at, expires_at)
        VALUES ($1, $4, $5, $6, $2, $3)
        ON CONFLICT (key) DO UPDATE
            SET status = EXCLUDED.status, content_type = EXCLUDED.content_type, body = EXCLUDED.body,
                created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
        """;

    private const string Claim = TakeKey + "\nWHERE d.expires_at <= EXCLUDED.created_at RETURNING true";

    private const string Read = "SELECT status, content_type, body, created_at FROM request_deduplication WHERE key = $1";

    private const string Release = "DELETE FROM request_deduplication WHERE key = $1 AND created_at = $2 AND status IS NULL";

    private const string Purge = """
        DELETE FROM request_deduplication WHERE key IN (
            SELECT key FROM request_deduplication WHERE expires_at <= $1 LIMIT $2)
        """;

    public async Task<DeduplicationClaim> ClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = DeduplicationClaim.TimeOf(clock.GetUtcNow());
        return await DatabaseFailures.OnceMoreAfterLostConnectionAsync(
            again => ClaimAsync(key, lease, now, afterLostConnection: again, cancellationToken));
    }

    private async Task<DeduplicationClaim> ClaimAsync(
        string key,
        TimeSpan lease,
        DateTimeOffset now,
        bool afterLostConnection,
        CancellationToken cancellationToken)
    {
        await using (var claim = dataSource.CreateCommand(Claim))
        {
            claim.Parameters.AddRange(TakeKeyParameters(key, now, now + lease, answer: null));
            if (await claim.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new DeduplicationClaim.Claimed(now);
            }
        }

        await using var read = dataSource.CreateCommand(Read);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Released or purged between the two statements: the caller pauses and claims again.
            return new DeduplicationClaim.InProgress();
        }

        if (await reader.IsDBNullAsync(0, cancellationToken))
        {
            // The lost attempt may have written this very claim before its connection broke.
            return afterLostConnection && reader.GetFieldValue<DateTimeOffset>(3) == now
                ? new DeduplicationClaim.Claimed(now)
                : new DeduplicationClaim.InProgress();
        }

        return new DeduplicationClaim.Completed(new StoredResponse(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
    }

    /// <summary>The parameters of <see cref="TakeKey"/>: a running request's row, or with <paramref name="answer"/> a finished one's.</summary>
    internal static NpgsqlParameter[] TakeKeyParameters(string key, DateTimeOffset since, DateTimeOffset expires, StoredResponse? answer) =>
    [
        new NpgsqlParameter<string> { TypedValue = key },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = since },
        new NpgsqlParameter<DateTimeOffset> { TypedValue = expires },
        new NpgsqlParameter { Value = (object?)answer?.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
        new NpgsqlParameter { Value = (object?)answer?.ContentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new NpgsqlParameter { Value = (object?)answer?.Body ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
    ];

    public Task CompleteAsync(
        string key,
        DeduplicationClaim.Claimed claim,
        StoredResponse response,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken) =>
        outcomes.QueueAsync(new CompletedRequest(key, claim, response, expiresAt), cancellationToken).AsTask();

    public async Task ReleaseAsync(string key, DeduplicationClaim.Claimed claim, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Release);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = claim.Since });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeExpiredAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Purge);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
