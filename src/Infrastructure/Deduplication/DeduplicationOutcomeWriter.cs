using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Infrastructure.Persistence;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// Stores the outcomes of deduplicated requests behind their answers — those not stored by the
/// request's own COMMIT (ADR 34): refusals, and answers the claim could not carry. A request queues its outcome
/// and is answered at once; this writer stores every outcome queued meanwhile in one round trip. Under
/// load that is one round trip and one transaction for many requests instead of one each, and no
/// request waits for it. A repeat that arrives before its twin's outcome is stored waits for it, as
/// for a twin still running (ADR 11).
/// </summary>
/// <remarks>
/// Outcomes still queued when the process dies are lost like an outcome that failed to be stored:
/// their keys expire with their lease. On a graceful stop the queue is written out first.
/// </remarks>
internal sealed partial class DeduplicationOutcomeWriter(NpgsqlDataSource dataSource, ILogger<DeduplicationOutcomeWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;

    // Requests wait for room beyond this many outcomes (PostgreSQL is then slower than the answers).
    private const int Capacity = 4_096;

    // One statement an outcome, all sent in one batch: one round trip and one (implicit) transaction
    // for the lot, and each row found through the key's index (an UPDATE … FROM unnest(…) is planned
    // for a hundred rows and scans the table).
    private readonly Channel<CompletedRequest> queue = Channel.CreateBounded<CompletedRequest>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues the outcome; it is stored within milliseconds.</summary>
    /// <exception cref="ChannelClosedException">The service is stopping: the caller gives the key up instead.</exception>
    public ValueTask QueueAsync(CompletedRequest outcome, CancellationToken cancellationToken) =>
        queue.Writer.WriteAsync(outcome, cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // The loop writes what is queued, then ends.
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CompletedRequest>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            await StoreAsync(batch);
            batch.Clear();
        }
    }

    private async Task StoreAsync(List<CompletedRequest> batch)
    {
        try
        {
            await DatabaseFailures.OnceMoreAfterLostConnectionAsync(() => WriteAsync(batch));
        }
        catch (Exception exception)
        {
            LogStoreFailed(logger, batch.Count, exception);
        }
    }

    private async Task WriteAsync(List<CompletedRequest> batch)
    {
        await using var statements = dataSource.CreateBatch();
        foreach (var outcome in batch)
        {
            statements.BatchCommands.Add(SqlSession.Statement(
                DeduplicationStatements.Complete,
                [
                    new NpgsqlParameter<Guid> { TypedValue = outcome.Key.Digest },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = outcome.Claim.Since },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = outcome.LiveSince },
                    .. DeduplicationStatements.OutcomeParameters(outcome.Outcome),
                ]));
        }

        await statements.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storing {Count} deduplication outcomes failed: their keys expire with their lease, and a repeat runs again")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);
}

/// <summary>A finished request's outcome, for the key it claimed; stored if the claim is live, made after <paramref name="LiveSince"/> (its lease not run out).</summary>
internal sealed record CompletedRequest(RequestKey Key, DeduplicationClaim.Claimed Claim, StoredOutcome Outcome, DateTimeOffset LiveSince);
