using Npgsql;

namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>Tells a <see cref="DatabaseFailure"/> from any other exception, however EF Core wrapped it.</summary>
public static class DatabaseFailures
{
    /// <returns>The failure, or null when the exception is not the database's (a bug, a constraint, a refusal).</returns>
    public static DatabaseFailure? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case CommitOutcomeUnknownException:
                    return DatabaseFailure.CommitOutcomeUnknown;
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
