using Microsoft.EntityFrameworkCore.Storage;

namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>EF Core's execution strategy for every operation of the service's DbContext: <see cref="TransactionRetries"/>' rule.</summary>
internal sealed class TransactionRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, TransactionRetries.MaxRetries, TransactionRetries.LongestPause)
{
    protected override bool ShouldRetryOn(Exception exception) => DatabaseFailures.IsRetryable(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var retry = ExceptionsEncountered.Count;
        return retry > MaxRetryCount ? null : TransactionRetries.PauseBefore(retry);
    }
}
