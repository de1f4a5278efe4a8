using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace QuickImport.Api.Queue;

/// <summary>
/// Consumes <c>database_import</c> with manual acknowledgements: each message is imported, its result
/// published to <c>database_import_result</c> as a persistent message, and the message acknowledged
/// only once the broker confirmed the result. A crash or a lost connection at any point leaves the
/// message unacknowledged, so the broker delivers it again, and its deduplication replays it.
/// </summary>
/// <remarks>
/// Two connections: RabbitMQ throttles a connection that publishes (flow control, alarms), and the
/// deliveries and acknowledgements must not wait behind it. The client's automatic recovery
/// reconnects both and restores the consumer after the broker restarts; only the first connect is
/// retried here.
/// </remarks>
public sealed partial class RabbitMqConsumer(
    IOptions<RabbitMqOptions> options,
    QueueMessageImporter importer,
    QueueMetrics metrics,
    ILogger<RabbitMqConsumer> logger) : BackgroundService
{
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
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: settings.Prefetch),
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

    private async Task OnDeliveryAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref inFlight);
        var started = Stopwatch.GetTimestamp();
        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        metrics.Consumed(delivery.Redelivered);
        try
        {
            var result = await importer.AnswerAsync(delivery.Body, aborting.Token);
            if (result is null)
            {
                metrics.Failed();
                await Task.Delay(RequeueDelay, aborting.Token);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, aborting.Token);
                return;
            }

            // Confirmed by the broker before the message is let go: a result is never lost behind an ack.
            await publishChannel!.BasicPublishAsync(
                exchange: string.Empty,
                routingKey: RabbitMqOptions.ResultQueue,
                mandatory: true,
                ResultProperties,
                Encoding.UTF8.GetBytes(result.Body),
                aborting.Token);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, aborting.Token);
            metrics.Acknowledged(result.Status, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            // Unacknowledged, it comes back: to this consumer once its channel recovers, or to another.
            metrics.Failed();
            if (!aborting.IsCancellationRequested)
            {
                LogDeliveryFailed(logger, e.GetType().Name, e.Message);
                await IgnoreClosedAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None).AsTask());
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} with prefetch {Prefetch}")]
    private static partial void LogConsuming(ILogger logger, string queue, ushort prefetch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ unreachable; trying again in {Seconds} s: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message goes back to the queue without a result ({Error}: {Reason})")]
    private static partial void LogDeliveryFailed(ILogger logger, string error, string reason);
}
