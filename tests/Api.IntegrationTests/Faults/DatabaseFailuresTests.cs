using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// ADR 20: which database failures the transaction runs again for. The deadlock and the terminated
/// connections are also caused for real (<see cref="DeadlockRetryTests"/>,
/// <see cref="TerminatedConnectionsTests"/>); a serialization failure, a crash and a COMMIT lost on
/// the wire cannot be caused on cue, so their decision is checked here.
/// </summary>
public sealed class DatabaseFailuresTests
{
    [TestCase(PostgresErrorCodes.SerializationFailure, DatabaseFailure.ServerRolledBack, true)]
    [TestCase(PostgresErrorCodes.DeadlockDetected, DatabaseFailure.ServerRolledBack, true)]
    [TestCase(PostgresErrorCodes.AdminShutdown, DatabaseFailure.ConnectionFailed, true)]
    [TestCase(PostgresErrorCodes.CrashShutdown, DatabaseFailure.ConnectionFailed, true)]
    [TestCase(PostgresErrorCodes.CannotConnectNow, DatabaseFailure.ConnectionFailed, true)]
    [TestCase(PostgresErrorCodes.ConnectionFailure, DatabaseFailure.ConnectionFailed, true)]
    [TestCase(PostgresErrorCodes.QueryCanceled, DatabaseFailure.TimedOut, false)]
    [TestCase(PostgresErrorCodes.LockNotAvailable, DatabaseFailure.TimedOut, false)]
    [TestCase(PostgresErrorCodes.TooManyConnections, DatabaseFailure.OutOfResources, false)]
    [TestCase(PostgresErrorCodes.DiskFull, DatabaseFailure.OutOfResources, false)]
    public void A_server_error_is_classified_by_its_SQLSTATE(string sqlState, DatabaseFailure failure, bool retried)
    {
        var exception = Postgres(sqlState);

        Assert.Multiple(() =>
        {
            Assert.That(DatabaseFailures.Classify(exception), Is.EqualTo(failure));
            Assert.That(DatabaseFailures.IsRetryable(exception), Is.EqualTo(retried));
        });
    }

    [TestCase(PostgresErrorCodes.UniqueViolation)]
    [TestCase(PostgresErrorCodes.ForeignKeyViolation)]
    [TestCase(PostgresErrorCodes.SyntaxError)]
    [TestCase(PostgresErrorCodes.InvalidPassword)]
    public void Other_server_errors_are_not_the_databases_unavailability(string sqlState) =>
        Assert.That(DatabaseFailures.Classify(Postgres(sqlState)), Is.Null);

    [Test]
    public void A_refused_or_broken_connection_is_retried() =>
        Assert.That(
            DatabaseFailures.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
            Is.EqualTo(DatabaseFailure.ConnectionFailed));

    [Test]
    public void A_connect_pool_or_command_timeout_is_not_retried()
    {
        var exception = new NpgsqlException("The connection pool has been exhausted", new TimeoutException());

        Assert.Multiple(() =>
        {
            Assert.That(DatabaseFailures.Classify(exception), Is.EqualTo(DatabaseFailure.TimedOut));
            Assert.That(DatabaseFailures.IsRetryable(exception), Is.False);
        });
    }

    [Test]
    public void A_connection_lost_during_COMMIT_is_never_retried()
    {
        var exception = new CommitOutcomeUnknownException(new NpgsqlException("Exception while reading from stream", new IOException()));

        Assert.Multiple(() =>
        {
            Assert.That(DatabaseFailures.Classify(exception), Is.EqualTo(DatabaseFailure.CommitOutcomeUnknown));
            Assert.That(DatabaseFailures.IsRetryable(exception), Is.False);
        });
    }

    [Test]
    public void A_COMMIT_is_of_unknown_outcome_when_the_connection_failed_or_the_client_stopped_waiting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DatabaseFailures.LeavesCommitUnknown(new NpgsqlException("Exception while reading from stream", new IOException())), Is.True);
            Assert.That(DatabaseFailures.LeavesCommitUnknown(Postgres(PostgresErrorCodes.AdminShutdown)), Is.True, "a termination may follow the COMMIT");
            Assert.That(DatabaseFailures.LeavesCommitUnknown(new NpgsqlException("Exception while reading from stream", new TimeoutException())), Is.True);
        });
    }

    [TestCase(PostgresErrorCodes.DeadlockDetected)]
    [TestCase(PostgresErrorCodes.SerializationFailure)]
    [TestCase(PostgresErrorCodes.QueryCanceled)]
    [TestCase(PostgresErrorCodes.UniqueViolation)]
    public void An_error_the_server_answered_proves_the_COMMIT_did_not_happen(string sqlState) =>
        Assert.That(DatabaseFailures.LeavesCommitUnknown(Postgres(sqlState)), Is.False);

    [Test]
    public void An_exception_without_a_database_cause_says_nothing_of_the_COMMIT() =>
        Assert.That(DatabaseFailures.LeavesCommitUnknown(new InvalidOperationException("a bug")), Is.False);

    [Test]
    public void A_failure_is_found_inside_EF_Cores_wrappers()
    {
        var saved = new DbUpdateException("An error occurred while saving", Postgres(PostgresErrorCodes.DeadlockDetected));
        var wrapped = new InvalidOperationException("likely due to a transient failure", new NpgsqlException("x", new IOException()));
        var exhausted = new RetryLimitExceededException("retries exhausted", Postgres(PostgresErrorCodes.SerializationFailure));

        Assert.Multiple(() =>
        {
            Assert.That(DatabaseFailures.Classify(saved), Is.EqualTo(DatabaseFailure.ServerRolledBack));
            Assert.That(DatabaseFailures.Classify(wrapped), Is.EqualTo(DatabaseFailure.ConnectionFailed));
            Assert.That(DatabaseFailures.Classify(exhausted), Is.EqualTo(DatabaseFailure.ServerRolledBack));
        });
    }

    [Test]
    public void An_exception_without_a_database_cause_is_not_one() =>
        Assert.That(DatabaseFailures.Classify(new InvalidOperationException("a bug", new ArgumentException("x"))), Is.Null);

    [Test]
    public async Task Work_whose_connection_was_lost_runs_once_more_and_knows_it()
    {
        var runs = new List<bool>();

        var result = await DatabaseFailures.OnceMoreAfterLostConnectionAsync(again =>
        {
            runs.Add(again);
            return again ? Task.FromResult("second") : throw Postgres(PostgresErrorCodes.AdminShutdown);
        });

        Assert.That(result, Is.EqualTo("second"));
        Assert.That(runs, Is.EqualTo(new[] { false, true }));
    }

    [Test]
    public void Work_runs_no_third_time_nor_again_for_another_failure()
    {
        var runs = 0;
        Task LosesItsConnection()
        {
            runs++;
            throw new NpgsqlException("x", new IOException());
        }

        Assert.ThrowsAsync<NpgsqlException>(() => DatabaseFailures.OnceMoreAfterLostConnectionAsync(LosesItsConnection));
        Assert.That(runs, Is.EqualTo(2), "once more, not again and again");

        runs = 0;
        Assert.ThrowsAsync<PostgresException>(() => DatabaseFailures.OnceMoreAfterLostConnectionAsync(() =>
        {
            runs++;
            throw Postgres(PostgresErrorCodes.UniqueViolation);
        }));
        Assert.That(runs, Is.EqualTo(1), "a refusal is not run again");
    }

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
