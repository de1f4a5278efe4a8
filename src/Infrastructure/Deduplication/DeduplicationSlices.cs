using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>
/// Keeps <c>request_deduplication</c>'s time slices (ADR 40): makes them ahead of the claims, and
/// drops whole slices once every key in them is past the window — no <c>DELETE</c> of rows, no
/// vacuum behind it. Runs when the service starts, before it serves, and every
/// <see cref="DeduplicationSettings.PurgeInterval"/>; one instance at a time (a session advisory
/// lock; the others skip their turn).
/// </summary>
/// <remarks>
/// A slice's <c>CREATE</c> or <c>DROP</c> locks the table for an instant, and every claim queues
/// behind it while it waits for its lock: each is a transaction of its own that waits at most
/// <see cref="LockTimeout"/> and otherwise leaves the rest to the next turn, made well ahead for that.
/// </remarks>
internal sealed partial class DeduplicationSlices(
    NpgsqlDataSource dataSource,
    IOptions<DeduplicationSettings> options,
    TimeProvider clock,
    ILogger<DeduplicationSlices> logger) : BackgroundService
{
    private const string LockTimeout = "100ms";

    private const string TakeTurn = "SELECT pg_try_advisory_lock(4, 0)";

    private const string EndTurn = "SELECT pg_advisory_unlock(4, 0)";

    private const string ReadSlices = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'request_deduplication'::regclass
        """;

    // Claims no slice covered (none was made in time): few, deleted as they expire.
    private const string PurgeDefault = "DELETE FROM request_deduplication_default WHERE claimed_at <= $1";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await MaintainOrLogAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await MaintainOrLogAsync(stoppingToken);
        }
    }

    /// <summary>Makes the slices the next claims need and drops those past the window.</summary>
    public async Task<SliceChanges> MaintainAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();

        // A slice is dropped once its last claim could no longer be live.
        var expiredBefore = now - (settings.Window > settings.Lease ? settings.Window : settings.Lease);

        // Made ahead past the next turn, and the one after, should that turn fail.
        var until = now + settings.Slice + (2 * settings.PurgeInterval);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ScalarAsync(connection, TakeTurn, cancellationToken) is not true)
        {
            return new SliceChanges(0, 0);
        }

        try
        {
            var existing = new List<TimeSlice>();
            await using (var read = new NpgsqlCommand(ReadSlices, connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (TimeSlice.FromName(reader.GetString(0)) is { } slice)
                    {
                        existing.Add(slice);
                    }
                }
            }

            var made = 0;
            foreach (var slice in TimeSlice.Missing(existing, now, until, settings.Slice))
            {
                try
                {
                    await ChangeAsync(
                        connection,
                        $"CREATE TABLE {slice.Name} PARTITION OF request_deduplication FOR VALUES FROM ({Literal(slice.From)}) TO ({Literal(slice.To)})",
                        cancellationToken);
                    made++;
                }
                catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CheckViolation)
                {
                    // Claims of its time already went to the default partition (no slice was made in
                    // time): they stay there until they expire, and the slices after it are made.
                    LogLeftToDefault(logger, slice.Name);
                }
            }

            var dropped = 0;
            foreach (var slice in existing.Where(s => s.To <= expiredBefore))
            {
                await ChangeAsync(connection, $"DROP TABLE {slice.Name}", cancellationToken);
                dropped++;
            }

            await using (var purge = new NpgsqlCommand(PurgeDefault, connection))
            {
                purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiredBefore });
                await purge.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SliceChanges(made, dropped);
        }
        finally
        {
            await ScalarAsync(connection, EndTurn, CancellationToken.None);
        }
    }

    private async Task MaintainOrLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            var changes = await MaintainAsync(cancellationToken);
            if (changes.Made + changes.Dropped > 0)
            {
                LogMaintained(logger, changes.Made, changes.Dropped);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            LogBusy(logger);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next turn tries again; the slices are made well ahead, and the default partition
            // takes any claim that finds none.
            LogMaintenanceFailed(logger, exception);
        }
    }

    private static string Literal(DateTimeOffset time) =>
        time.UtcDateTime.ToString("\\'yyyy-MM-dd HH:mm:ss\\+00\\'", CultureInfo.InvariantCulture);

    /// <summary>One slice's DDL, in a transaction of its own that waits at most <see cref="LockTimeout"/> for its lock.</summary>
    private static async Task ChangeAsync(NpgsqlConnection connection, string ddl, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"BEGIN; SET LOCAL lock_timeout = '{LockTimeout}'; {ddl}; COMMIT", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException)
        {
            // The failed statement left the transaction open and aborted: the turn's end needs the session.
            await ScalarAsync(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deduplication slices: {Made} made ahead, {Dropped} past the window dropped")]
    private static partial void LogMaintained(ILogger logger, int made, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deduplication slice {Slice} not made: the default partition holds claims of its time until they expire")]
    private static partial void LogLeftToDefault(ILogger logger, string slice);

    [LoggerMessage(Level = LogLevel.Information, Message = "A deduplication slice's table was busy; the next turn makes or drops it")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the deduplication slices failed; trying again at the next turn")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}

/// <summary>What one turn of <see cref="DeduplicationSlices"/> did.</summary>
internal sealed record SliceChanges(int Made, int Dropped);
