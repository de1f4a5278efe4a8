using RabbitMQ.Client;

namespace QuickImport.Bench.QueueLoad;

/// <summary>Publishes the run's messages, persistent and confirmed, at a pace or as fast as the broker confirms.</summary>
public sealed class Publisher(IConnection connection, ImportMessages messages)
{
    private const int MaxUnconfirmed = 256;

    private static readonly BasicProperties Properties = new()
    {
        ContentType = "application/json",
        DeliveryMode = DeliveryModes.Persistent,
    };

    /// <param name="rate">Messages per second; 0: no pacing.</param>
    public async Task PublishAsync(int count, double rate, ResultCollector collector)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null));
        using var unconfirmed = new SemaphoreSlim(MaxUnconfirmed);
        var pending = new List<Task>(count);
        var started = collector.Clock.Elapsed;
        for (var n = 1; n <= count; n++)
        {
            if (rate > 0)
            {
                var due = started + TimeSpan.FromSeconds((n - 1) / rate);
                var wait = due - collector.Clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var body = messages.Body(n);
            await unconfirmed.WaitAsync();
            collector.Sent(n);
            pending.Add(ConfirmedAsync(channel, body, unconfirmed));
        }

        await Task.WhenAll(pending);
    }

    private static async Task ConfirmedAsync(IChannel channel, byte[] body, SemaphoreSlim unconfirmed)
    {
        try
        {
            await channel.BasicPublishAsync(string.Empty, QueueNames.Import, mandatory: true, Properties, body);
        }
        finally
        {
            unconfirmed.Release();
        }
    }
}
