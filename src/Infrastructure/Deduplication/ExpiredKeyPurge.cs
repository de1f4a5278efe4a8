using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Infrastructure.Deduplication;

/// <summary>Deletes expired deduplication keys in the background, in batches, so the table stays bounded.</summary>
internal sealed partial class ExpiredKeyPurge(
    IRequestDeduplicationStore store,
    IOptions<DeduplicationSettings> settings,
    ILogger<ExpiredKeyPurge> logger) : BackgroundService
{
    private const int BatchSize = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Value.PurgeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int purged;
                do
                {
                    purged = await store.PurgeExpiredAsync(BatchSize, stoppingToken);
                }
                while (purged == BatchSize);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; a purge missed only delays the cleanup.
                LogPurgeFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired deduplication keys failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
