using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Infrastructure.Persistence.Diagnostics;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL on the DbContext's connection, inside its current transaction: the import's hot
/// path uses it where EF Core would cost round trips or could not say ON CONFLICT.
/// </summary>
/// <remarks>
/// A statement whose answer nothing waits for (a lock, a write) is <see cref="Defer">deferred</see>:
/// it travels with the next query, or with the COMMIT (<see cref="CommitAsync"/>), in the same
/// round trip and in the order it was made. Every command or batch made here counts as one round trip.
/// </remarks>
internal sealed class SqlSession(QuickImportDbContext db, DatabaseRoundTrips roundTrips)
{
    private readonly List<DeferredStatement> pending = [];

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    /// <summary>
    /// Begins a transaction of the session's own, on the DbContext's connection but past EF Core: an
    /// import's statements are all hand-written, and opening its connection and transaction through
    /// EF Core's execution strategy and connection cost the import more than Npgsql's own calls
    /// (docs/benchmarks.md). The <c>BEGIN</c> travels with the first round trip. Disposing the
    /// transaction rolls back what did not commit and gives the connection back to the pool.
    /// </summary>
    public async Task<IAsyncDisposable> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = Connection;
        await connection.OpenAsync(cancellationToken);
        try
        {
            return new Transaction(connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.CloseAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        EnsureNothingDeferred();
        roundTrips.Add();
        var command = new NpgsqlCommand(sql, Connection);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public NpgsqlBatch Batch(params NpgsqlBatchCommand[] commands)
    {
        EnsureNothingDeferred();
        return NewBatch(commands);
    }

    public static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>For a deferred statement whose rows say nothing (<c>SELECT pg_advisory_xact_lock(…)</c>).</summary>
    public static Task IgnoreRows(NpgsqlDataReader reader, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Sends <paramref name="statement"/> with the next query or the COMMIT. When it returns rows (a
    /// SELECT, a RETURNING), <paramref name="readResult"/> reads them; it may throw to abort the
    /// transaction, but then the statement cannot travel with the COMMIT. A server error of the round
    /// trip is what <paramref name="translateError"/> makes of it, when it gives anything: it is to
    /// know its statement's own SQLSTATEs only.
    /// </summary>
    public void Defer(
        NpgsqlBatchCommand statement,
        Func<NpgsqlDataReader, CancellationToken, Task>? readResult = null,
        Func<PostgresException, Exception?>? translateError = null) =>
        pending.Add(new DeferredStatement(statement, readResult, translateError));

    /// <summary>Runs a query, with everything deferred before it, in one round trip.</summary>
    public async Task<T> QueryAsync<T>(
        NpgsqlBatchCommand query,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var result = default(T)!;
        Defer(query, async (reader, ct) => result = await read(reader, ct));
        await FlushAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Sends what is deferred and the COMMIT in one round trip. A statement's error skips the rest,
    /// the COMMIT too; a connection lost on the way leaves the commit's outcome unknown.
    /// </summary>
    /// <exception cref="CommitOutcomeUnknownException">The COMMIT may have been carried out: the work must not run again.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (pending.Any(s => s.ReadResult is not null && s.ReadResult != IgnoreRows))
        {
            // Its rows would be read once the transaction is committed: too late to abort it. Rows
            // ignored are only stepped over.
            throw new InvalidOperationException("A statement whose rows are read cannot travel with the COMMIT.");
        }

        Defer(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.LeavesCommitUnknown(exception))
        {
            throw new CommitOutcomeUnknownException(exception);
        }
    }

    /// <summary>Sends what is deferred, if anything, in one round trip.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        DeferredStatement[] statements = [.. pending];
        pending.Clear();
        try
        {
            await SendAsync(statements, cancellationToken);
        }
        catch (PostgresException exception) when (Translate(statements, exception) is { } translated)
        {
            throw translated;
        }
        finally
        {
            // Npgsql keeps a connection's last statements reachable after they ran (a heap dump of an idle
            // service found a 10 MB batch's parameter arrays still there, the connection back in the pool):
            // once sent, they let go of their values.
            foreach (var statement in statements)
            {
                statement.Statement.Parameters.Clear();
            }
        }
    }

    // Each translator knows only its own statement's SQLSTATEs, so asking each in turn finds the one
    // whose statement failed.
    private static Exception? Translate(DeferredStatement[] statements, PostgresException exception) =>
        statements.Select(s => s.TranslateError?.Invoke(exception)).FirstOrDefault(translated => translated is not null);

    private async Task SendAsync(DeferredStatement[] statements, CancellationToken cancellationToken)
    {
        await using var batch = NewBatch([.. statements.Select(s => s.Statement)]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        // The reader steps over statements without rows (Npgsql gives only row sets), so each
        // reading statement meets its own, in order.
        var atFirst = true;
        foreach (var read in statements.Select(s => s.ReadResult).OfType<Func<NpgsqlDataReader, CancellationToken, Task>>())
        {
            if (!atFirst && !await reader.NextResultAsync(cancellationToken))
            {
                throw new InvalidOperationException("A deferred statement that reads rows returned none.");
            }

            atFirst = false;
            await read(reader, cancellationToken);
        }

        // Errors of statements after the last read surface here, not silently at dispose.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }
    }

    /// <summary>Forgets what is deferred: the transaction it was meant for failed.</summary>
    public void DiscardDeferred() => pending.Clear();

    private NpgsqlBatch NewBatch(NpgsqlBatchCommand[] commands)
    {
        roundTrips.Add();
        var batch = new NpgsqlBatch(Connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    // A command sent past deferred statements would run before them: out of the order they were made in.
    private void EnsureNothingDeferred()
    {
        if (pending.Count > 0)
        {
            throw new InvalidOperationException("Statements are deferred: send them with QueryAsync or CommitAsync first.");
        }
    }

    private sealed class Transaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.CloseAsync();
        }
    }

    private sealed record DeferredStatement(
        NpgsqlBatchCommand Statement,
        Func<NpgsqlDataReader, CancellationToken, Task>? ReadResult,
        Func<PostgresException, Exception?>? TranslateError);
}
