using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace QuickImport.Infrastructure.Caching;

/// <summary>
/// Listens on PostgreSQL for the metadata changes of every instance (<see cref="PostgresMetadataChanges"/>)
/// and clears the <see cref="MetadataCache"/> on each. While its connection is down the cache serves
/// nothing, and it reconnects by itself. Its data source is its own, unpooled (<see cref="Persistence.ConnectionPools.ForListening"/>).
/// </summary>
internal sealed partial class MetadataChangeListener(
    NpgsqlDataSource dataSource,
    MetadataCache cache,
    ILogger<MetadataChangeListener> logger) : BackgroundService
{
    public const string Channel = "quickimport_metadata";

    // A notification may be missed only while a dead connection goes unnoticed: a query this often proves it alive.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                cache.GoDark();
                LogListenerDown(logger, delay.TotalSeconds, error.Message);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }

        cache.GoDark();
    }

    public override void Dispose()
    {
        dataSource.Dispose();
        base.Dispose();
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, _) => cache.Clear();
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        cache.GoLive();
        while (true)
        {
            if (!await connection.WaitAsync(Heartbeat, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Metadata changes cannot be heard (retrying in {DelaySeconds} s): imports look metadata up in PostgreSQL meanwhile. {Reason}")]
    private static partial void LogListenerDown(ILogger logger, double delaySeconds, string reason);
}
