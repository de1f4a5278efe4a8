using Npgsql;

namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>Tells a <see cref="DatabaseFailure"/> from any other exception, however EF Core wrapped it.</summary>
public static class DatabaseFailures
{
    /// <returns>The failure, or null when the exception is not the database's (a bug, a constraint, a refusal).</returns>
    public static DatabaseFailure? Classify(Exception exception)
    {
        foreach (var current in Chain(exception))
        {
            switch (current)
            {
                case CommitOutcomeUnknownException:
                    return DatabaseFailure.CommitOutcomeUnknown;
                case Domain.Importing.SearchRacedException:
                    // Rolled back because a concurrent import committed first: run again, it is then seen.
                    return DatabaseFailure.ServerRolledBack;
                case PostgresException postgres:
                    return OfState(postgres.SqlState);
                case NpgsqlException { InnerException: TimeoutException }:
                    return DatabaseFailure.TimedOut;
                case NpgsqlException { IsTransient: true }:
                    return DatabaseFailure.ConnectionFailed;
            }
        }

        return null;
    }

    /// <summary>Whether running the whole transaction again is safe and may succeed.</summary>
    public static bool IsRetryable(Exception exception) =>
        Classify(exception) is DatabaseFailure.ServerRolledBack or DatabaseFailure.ConnectionFailed;

    /// <summary>
    /// Runs work that is safe to repeat, and once more when its pooled connection turned out dead
    /// (terminated, a failover): on a new one (ADR 20). <paramref name="run"/> is told whether it runs again.
    /// </summary>
    public static async Task<T> OnceMoreAfterLostConnectionAsync<T>(Func<bool, Task<T>> run)
    {
        try
        {
            return await run(false);
        }
        catch (Exception exception) when (Classify(exception) is DatabaseFailure.ConnectionFailed)
        {
            return await run(true);
        }
    }

    /// <inheritdoc cref="OnceMoreAfterLostConnectionAsync{T}"/>
    public static Task OnceMoreAfterLostConnectionAsync(Func<Task> run) =>
        OnceMoreAfterLostConnectionAsync(async _ =>
        {
            await run();
            return true;
        });

    /// <summary>
    /// Whether a failure of the round trip that carried a COMMIT leaves the commit's outcome unknown:
    /// the connection failed (a <c>57P01</c> termination too: it may come after the COMMIT) or the
    /// client stopped waiting. An error the server answered — a timeout among them — proves the
    /// COMMIT skipped or rolled back.
    /// </summary>
    public static bool LeavesCommitUnknown(Exception exception) => Classify(exception) switch
    {
        DatabaseFailure.ConnectionFailed => true,
        DatabaseFailure.TimedOut => !Chain(exception).OfType<PostgresException>().Any(),
        _ => false,
    };

    // The exception and those it wraps, outermost first: EF Core and Npgsql wrap the database's own.
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static DatabaseFailure? OfState(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => DatabaseFailure.ServerRolledBack,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            => DatabaseFailure.ConnectionFailed,
        PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable => DatabaseFailure.TimedOut,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.ConnectionFailed,
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseFailure.OutOfResources,
        _ => null,
    };
}
