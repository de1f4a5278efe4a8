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
/// <see cref="DeduplicationSettings.PurgeInterval"/>; instances take turns under an advisory lock.
/// </summary>
internal sealed partial class DeduplicationSlices(
    NpgsqlDataSource dataSource,
    IOptions<DeduplicationSettings> options,
    TimeProvider clock,
    ILogger<DeduplicationSlices> logger) : BackgroundService
{
    // The slices' DDL locks the table for an instant: it waits no longer than this behind a long
    // transaction (and holds up the imports queued behind it no longer), then tries at the next turn.
    private const string Prepare = "SET LOCAL lock_timeout = '1s'; SELECT pg_advisory_xact_lock(4, 0)";

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

    /// <summary>Makes the slices the next claims need and drops those past the window, in one transaction.</summary>
    public async Task<SliceChanges> MaintainAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();

        // A slice is dropped once its last claim could no longer be live.
        var expiredBefore = now - (settings.Window > settings.Lease ? settings.Window : settings.Lease);

        // Made ahead past the next turn, and the one after, should that turn fail.
        var until = now + settings.Slice + (2 * settings.PurgeInterval);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, Prepare, cancellationToken);
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

        var made = TimeSlice.Missing(existing, now, until, settings.Slice).ToList();
        foreach (var slice in made)
        {
            await ExecuteAsync(
                connection,
                $"CREATE TABLE {slice.Name} PARTITION OF request_deduplication FOR VALUES FROM ({Literal(slice.From)}) TO ({Literal(slice.To)})",
                cancellationToken);
        }

        var dropped = existing.Where(s => s.To <= expiredBefore).ToList();
        foreach (var slice in dropped)
        {
            await ExecuteAsync(connection, $"DROP TABLE {slice.Name}", cancellationToken);
        }

        await using (var purge = new NpgsqlCommand(PurgeDefault, connection))
        {
            purge.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiredBefore });
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SliceChanges(made.Count, dropped.Count);
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
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next turn tries again; the slices are made well ahead, and the default partition
            // takes any claim that finds none.
            LogMaintenanceFailed(logger, exception);
        }
    }

    private static string Literal(DateTimeOffset time) =>
        time.UtcDateTime.ToString("\\'yyyy-MM-dd HH:mm:ss\\+00\\'", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deduplication slices: {Made} made ahead, {Dropped} past the window dropped")]
    private static partial void LogMaintained(ILogger logger, int made, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the deduplication slices failed; trying again at the next turn")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}

/// <summary>What one turn of <see cref="DeduplicationSlices"/> did.</summary>
internal sealed record SliceChanges(int Made, int Dropped);
