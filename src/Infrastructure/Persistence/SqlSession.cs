using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Infrastructure.Persistence.Diagnostics;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL on the DbContext's connection, inside its current transaction: the import's hot
/// path uses it where EF Core would cost round trips or could not say ON CONFLICT.
/// </summary>
/// <remarks>
/// A statement whose answer nothing waits for (a lock, a write) is <see cref="Defer">deferred</see>:
/// it travels with the next query, or with <see cref="FlushAsync"/> before the commit, in the same
/// round trip and in the order it was made. Every command or batch made here counts as one round trip.
/// </remarks>
internal sealed class SqlSession(QuickImportDbContext db, DatabaseRoundTrips roundTrips)
{
    private readonly List<DeferredStatement> pending = [];

    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

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
    /// Sends <paramref name="statement"/> with the next query or flush. When it returns rows (a SELECT,
    /// a RETURNING), <paramref name="readResult"/> reads them; it may throw to abort the transaction.
    /// </summary>
    public void Defer(NpgsqlBatchCommand statement, Func<NpgsqlDataReader, CancellationToken, Task>? readResult = null) =>
        pending.Add(new DeferredStatement(statement, readResult));

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

    /// <summary>Sends what is deferred, if anything, in one round trip.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        DeferredStatement[] statements = [.. pending];
        pending.Clear();
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
            throw new InvalidOperationException("Statements are deferred: send them with QueryAsync or FlushAsync first.");
        }
    }

    private sealed record DeferredStatement(NpgsqlBatchCommand Statement, Func<NpgsqlDataReader, CancellationToken, Task>? ReadResult);
}
