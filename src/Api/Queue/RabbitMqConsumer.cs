using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Queue;

/// <summary>
/// Consumes <c>database_import</c> with manual acknowledgements: each message is imported, its result
/// published to <c>database_import_result</c> as a persistent message, and the message acknowledged
/// only once the broker confirmed the result. A crash or a lost connection at any point leaves the
/// message unacknowledged, so the broker delivers it again, and its deduplication replays it.
/// </summary>
/// <remarks>
/// Deliveries wait in a buffer; each of a few import loops takes whatever waits there (up to its
/// share of the prefetch) as a window, imports it (as batches where it can, <see cref="QueueMessageImporter"/>,
/// ADR 42), and leaves the window's results to be published, confirmed and acknowledged while it
/// takes the next. Two connections: RabbitMQ throttles a connection that publishes (flow control,
/// alarms), and the deliveries and acknowledgements must not wait behind it. The client's automatic
/// recovery reconnects both and restores the consumer after the broker restarts; only the first
/// connect is retried here.
/// </remarks>
public sealed partial class RabbitMqConsumer(
    IOptions<RabbitMqOptions> options,
    QueueMessageImporter importer,
    QueueMetrics metrics,
    ILogger<RabbitMqConsumer> logger) : BackgroundService
{
    // Windows imported at once: one imports while another's transaction is in PostgreSQL. Each takes
    // at most its share of the prefetch, so one window never holds every delivery while the other loop idles.
    private const int ImportLoops = 2;

    // A message the database could not take yet waits this long before it goes back to the queue, so it does not spin.
    private static readonly TimeSpan RequeueDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private static readonly BasicProperties ResultProperties = new()
    {
        ContentType = "application/json",
        DeliveryMode = DeliveryModes.Persistent,
    };

    // Cancelled when the host's shutdown timeout runs out: imports still in flight then give up unacknowledged.
    private readonly CancellationTokenSource aborting = new();
    private IConnection? consumeConnection;
    private IConnection? publishConnection;
    private IChannel? consumeChannel;
    private IChannel? publishChannel;
    private readonly Channel<Delivery> deliveries = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleWriter = true });
    private string? consumerTag;
    private int inFlight;

    /// <summary>Whether both connections are open and the consumer is subscribed (readiness, docs/queue.md).</summary>
    public bool IsConsuming => consumerTag is not null && consumeChannel is { IsOpen: true } && publishChannel is { IsOpen: true };

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(aborting.Cancel))
        {
            if (consumerTag is not null && consumeChannel is { IsOpen: true } channel)
            {
                // No new deliveries; those in flight finish within the shutdown timeout.
                await IgnoreClosedAsync(() => channel.BasicCancelAsync(consumerTag, noWait: false, cancellationToken));
            }

            while (Volatile.Read(ref inFlight) > 0 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            }
        }

        await base.StopAsync(cancellationToken);

        // Unacknowledged messages go back to the queue.
        await CloseQuietlyAsync("stopping");
    }

    public override void Dispose()
    {
        aborting.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConnectAsync(settings, stoppingToken);
                LogConsuming(logger, RabbitMqOptions.ImportQueue, settings.Prefetch);
                var largestWindow = Math.Max(1, settings.Prefetch / ImportLoops);
                await Task.WhenAll(Enumerable.Range(0, ImportLoops).Select(_ => ImportLoopAsync(largestWindow, stoppingToken)));
                return;
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or IOException)
            {
                LogConnectFailed(logger, settings.ReconnectInterval.TotalSeconds, e.Message);
                await CloseQuietlyAsync("retrying");
                await Task.Delay(settings.ReconnectInterval, stoppingToken);
            }
        }
    }

    private async Task ConnectAsync(RabbitMqOptions settings, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = settings.Uri!,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = settings.ReconnectInterval,
        };
        consumeConnection = await factory.CreateConnectionAsync("quickimport-consume", cancellationToken);
        publishConnection = await factory.CreateConnectionAsync("quickimport-publish", cancellationToken);

        publishChannel = await publishConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        consumeChannel = await consumeConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false),
            cancellationToken);

        foreach (var queue in new[] { RabbitMqOptions.ImportQueue, RabbitMqOptions.ResultQueue })
        {
            await consumeChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        }

        await consumeChannel.BasicQosAsync(prefetchSize: 0, prefetchCount: settings.Prefetch, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(consumeChannel);
        consumer.ReceivedAsync += OnDeliveryAsync;
        consumerTag = await consumeChannel.BasicConsumeAsync(RabbitMqOptions.ImportQueue, autoAck: false, consumer, cancellationToken);
    }

    // The body is the client's buffer only until this returns: the delivery keeps a copy.
    private Task OnDeliveryAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref inFlight);
        metrics.Consumed(delivery.Redelivered);
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        deliveries.Writer.TryWrite(new Delivery(channel, delivery.DeliveryTag, delivery.Body.ToArray(), Stopwatch.GetTimestamp()));
        return Task.CompletedTask;
    }

    /// <summary>Imports windows of the deliveries waiting, until the service stops.</summary>
    private async Task ImportLoopAsync(int largestWindow, CancellationToken stoppingToken)
    {
        var window = new List<Delivery>(largestWindow);
        try
        {
            while (await deliveries.Reader.WaitToReadAsync(stoppingToken))
            {
                while (window.Count < largestWindow && deliveries.Reader.TryRead(out var delivery))
                {
                    window.Add(delivery);
                }

                if (window.Count > 0)
                {
                    metrics.Window(window.Count);
                    await ImportAsync([.. window]);
                    window.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Imports the window, then leaves each message to be answered and acknowledged (or requeued) on its own.</summary>
    private async Task ImportAsync(Delivery[] window)
    {
        RenderedAnswer?[] results;
        try
        {
            results = await importer.AnswerEachAsync([.. window.Select(d => (ReadOnlyMemory<byte>)d.Body)], aborting.Token);
        }
        catch (Exception e)
        {
            foreach (var delivery in window)
            {
                await SettleAsync(delivery, () => throw e);
            }

            return;
        }

        for (var i = 0; i < window.Length; i++)
        {
            var (delivery, result) = (window[i], results[i]);

            // Not awaited: the loop takes its next window while the broker confirms this one's results.
            _ = SettleAsync(delivery, () => result is null ? RequeueAsync(delivery) : AnswerAsync(delivery, result));
        }
    }

    private async Task AnswerAsync(Delivery delivery, RenderedAnswer result)
    {
        // Confirmed by the broker before the message is let go: a result is never lost behind an ack.
        await publishChannel!.BasicPublishAsync(
            exchange: string.Empty,
            routingKey: RabbitMqOptions.ResultQueue,
            mandatory: true,
            ResultProperties,
            Encoding.UTF8.GetBytes(result.Body),
            aborting.Token);
        await delivery.Channel.BasicAckAsync(delivery.Tag, multiple: false, aborting.Token);
        metrics.Acknowledged(result.Status, Stopwatch.GetElapsedTime(delivery.Received));
    }

    private async Task RequeueAsync(Delivery delivery)
    {
        metrics.Failed();
        await Task.Delay(RequeueDelay, aborting.Token);
        await delivery.Channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true, aborting.Token);
    }

    /// <summary>Acknowledges or requeues the delivery by <paramref name="settle"/>; it is no longer in flight after.</summary>
    private async Task SettleAsync(Delivery delivery, Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (Exception e)
        {
            // Unacknowledged, it comes back: to this consumer once its channel recovers, or to another.
            metrics.Failed();
            if (!aborting.IsCancellationRequested)
            {
                LogDeliveryFailed(logger, e.GetType().Name, e.Message);
                await IgnoreClosedAsync(() => delivery.Channel.BasicNackAsync(delivery.Tag, multiple: false, requeue: true, CancellationToken.None).AsTask());
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    // Abort: a blocked connection would never read a polite close; one already closed or disposed needs nothing.
    private async Task CloseQuietlyAsync(string reason)
    {
        foreach (var connection in new[] { consumeConnection, publishConnection })
        {
            if (connection is not null)
            {
                await IgnoreClosedAsync(() => connection.CloseAsync(Constants.ReplySuccess, reason, CloseTimeout, abort: true, CancellationToken.None));
                await IgnoreClosedAsync(() => connection.DisposeAsync().AsTask());
            }
        }

        (consumeConnection, publishConnection, consumeChannel, publishChannel, consumerTag) = (null, null, null, null, null);
    }

    // A channel or connection closed under us (the broker went away) leaves nothing to cancel, nack or close.
    private static async Task IgnoreClosedAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A message delivered and not yet acknowledged: its channel and tag, its body, and when it came (a <see cref="Stopwatch"/> timestamp).</summary>
    private sealed record Delivery(IChannel Channel, ulong Tag, byte[] Body, long Received);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} with prefetch {Prefetch}")]
    private static partial void LogConsuming(ILogger logger, string queue, ushort prefetch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ unreachable; trying again in {Seconds} s: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message goes back to the queue without a result ({Error}: {Reason})")]
    private static partial void LogDeliveryFailed(ILogger logger, string error, string reason);
}
