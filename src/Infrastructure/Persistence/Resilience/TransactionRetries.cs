namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>
/// When a transaction runs again (ADR 20): when the server rolled it back or the connection failed
/// before its COMMIT (<see cref="DatabaseFailures.IsRetryable"/>), up to <see cref="MaxRetries"/> times after a
/// short jittered pause; never after a failed COMMIT (<see cref="CommitOutcomeUnknownException"/>), never
/// after a timeout. EF Core's operations follow it through <see cref="TransactionRetryStrategy"/>, the
/// imports' hand-written transactions through <see cref="RunAsync{T}"/>.
/// </summary>
internal static class TransactionRetries
{
    public const int MaxRetries = 3;

    public static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);

    /// <summary>20, 40, 80 ms ceilings, each pause a random share of it from a half up, so colliding transactions spread out.</summary>
    /// <param name="retry">1 for the first run again.</param>
    public static TimeSpan PauseBefore(int retry)
    {
        var ceiling = Math.Min(FirstPause.TotalMilliseconds * Math.Pow(2, retry - 1), LongestPause.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>Runs <paramref name="transaction"/>, and again from the start while its failure says so; the last failure is thrown as it is.</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> transaction, CancellationToken cancellationToken)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await transaction(cancellationToken);
            }
            catch (Exception exception) when (retry <= MaxRetries && DatabaseFailures.IsRetryable(exception))
            {
                await Task.Delay(PauseBefore(retry), cancellationToken);
            }
        }
    }
}
