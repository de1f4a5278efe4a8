using Microsoft.EntityFrameworkCore.Storage;

namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>
/// EF Core's execution strategy for every operation of the service's DbContext: runs it again, a few
/// times after a short jittered pause, when the server rolled the transaction back or the connection
/// failed before COMMIT; never after a failed COMMIT (<see cref="CommitOutcomeUnknownException"/>),
/// never after a timeout. ADR 20.
/// </summary>
internal sealed class TransactionRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, MaxRetries, LongestPause)
{
    private const int MaxRetries = 3;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    protected override bool ShouldRetryOn(Exception exception) => DatabaseFailures.IsRetryable(exception);

    /// <summary>20, 40, 80 ms ceilings, each pause a random share of it from a half up, so colliding imports spread out.</summary>
    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var retry = ExceptionsEncountered.Count;
        if (retry > MaxRetryCount)
        {
            return null;
        }

        var ceiling = Math.Min(FirstPause.TotalMilliseconds * Math.Pow(2, retry - 1), MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
