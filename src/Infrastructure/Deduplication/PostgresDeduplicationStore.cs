using Microsoft.Extensions.Options;
using Npgsql;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// The deduplication keys in PostgreSQL, so every instance behind a load balancer shares them. An
/// import claims its key inside its own transaction, with its outcome (<see cref="TransactionalClaim"/>);
/// the claims made here — a repeat's, waiting for its twin's outcome, or a request's that committed
/// nothing — and the releases are one round trip each on a connection of their own; the other
/// outcomes are stored behind the answers, many in a round trip (<see cref="DeduplicationOutcomeWriter"/>).
/// </summary>
/// <remarks>
/// Its connections commit asynchronously (<c>synchronous_commit=off</c>): a key costs no WAL flush
/// of its own. A crash of PostgreSQL may lose the last fraction of a second of keys, and a request
/// retried across that crash then runs again — as it would without deduplication; the imports
/// themselves stay fully durable.
/// </remarks>
internal sealed class PostgresDeduplicationStore(
    NpgsqlDataSource dataSource,
    DeduplicationOutcomeWriter outcomes,
    IOptions<DeduplicationSettings> options,
    TimeProvider clock) : IRequestDeduplicationStore, IAsyncDisposable
{
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public async Task<DeduplicationClaim> ClaimAsync(RequestKey key, CancellationToken cancellationToken)
    {
        // A retry after a lost connection makes the same claim, so it knows it when the lost one was written.
        var now = DeduplicationClaim.TimeOf(clock.GetUtcNow());
        return await DatabaseFailures.OnceMoreAfterLostConnectionAsync(_ => ClaimAsync(key, now, cancellationToken));
    }

    /// <summary>The key's lock, the claim if the key is free, and the live row: one round trip, one (implicit) transaction.</summary>
    private async Task<DeduplicationClaim> ClaimAsync(RequestKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(SqlSession.Statement(DeduplicationStatements.LockKey, DeduplicationStatements.LockParameters(key)));
        batch.BatchCommands.Add(SqlSession.Statement(DeduplicationStatements.ClaimIfFree, DeduplicationStatements.ClaimParameters(key, now, settings)));
        batch.BatchCommands.Add(SqlSession.Statement(DeduplicationStatements.ReadLive, DeduplicationStatements.LiveParameters(key, now, settings)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        // Past the lock's row, to the live row's.
        await reader.NextResultAsync(cancellationToken);
        return await DeduplicationStatements.ReadClaimAsync(reader, now, cancellationToken);
    }

    public async Task<IReadOnlyList<DeduplicationClaim?>> FindEachAsync(IReadOnlyList<RequestKey> keys, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var live = await DatabaseFailures.OnceMoreAfterLostConnectionAsync(async _ =>
        {
            await using var command = dataSource.CreateCommand(DeduplicationStatements.ReadEachLive);
            command.Parameters.AddRange(DeduplicationStatements.LiveEachParameters(keys, now, options.Value));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await DeduplicationStatements.ReadEachClaimAsync(reader, cancellationToken);
        });
        return [.. keys.Select(key => live.GetValueOrDefault(key.Digest))];
    }

    public Task CompleteAsync(RequestKey key, DeduplicationClaim.Claimed claim, StoredOutcome outcome, CancellationToken cancellationToken) =>
        outcomes.QueueAsync(new CompletedRequest(key, claim, outcome, clock.GetUtcNow() - options.Value.Lease), cancellationToken).AsTask();

    public async Task ReleaseAsync(RequestKey key, DeduplicationClaim.Claimed claim, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeduplicationStatements.Release);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key.Digest });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = claim.Since });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
