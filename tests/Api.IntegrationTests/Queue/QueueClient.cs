using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Api.Queue;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>A producer's side of the queues, as a CRM would hold it: publishes imports, reads their results.</summary>
public sealed class QueueClient : IAsyncDisposable
{
    private static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(30);
    private static readonly BasicProperties Persistent = new() { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/json" };

    private readonly IConnection connection;
    private readonly IChannel channel;

    private QueueClient(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>Connects to the broker and empties both queues, so a test reads only its own results.</summary>
    public static async Task<QueueClient> ConnectAsync(Uri broker)
    {
        var factory = new ConnectionFactory { Uri = broker, AutomaticRecoveryEnabled = true, NetworkRecoveryInterval = TimeSpan.FromMilliseconds(500) };
        var connection = await factory.CreateConnectionAsync("quickimport-tests");
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var queue in new[] { RabbitMqOptions.ImportQueue, RabbitMqOptions.ResultQueue })
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueuePurgeAsync(queue);
        }

        return new QueueClient(connection, channel);
    }

    public Task PublishAsync(JsonObject message) => PublishAsync(message.ToJsonString());

    public async Task PublishAsync(string body) =>
        await channel.BasicPublishAsync(string.Empty, RabbitMqOptions.ImportQueue, mandatory: true, Persistent, Encoding.UTF8.GetBytes(body));

    /// <summary>Exactly <paramref name="count"/> results, in the order they come (messages in flight together finish in any order); fails when fewer come within 30 s.</summary>
    public async Task<List<JsonObject>> ResultsAsync(int count)
    {
        var results = await ResultsUntilAsync(results => results.Count >= count, $"{count} results");
        Assert.That(results, Has.Count.EqualTo(count));
        return results;
    }

    /// <summary>Results until <paramref name="enough"/> says so; fails when that takes over 30 s.</summary>
    public async Task<List<JsonObject>> ResultsUntilAsync(Func<List<JsonObject>, bool> enough, string what)
    {
        var results = new List<JsonObject>();
        var deadline = DateTime.UtcNow + ResultTimeout;
        while (!enough(results))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} on {RabbitMqOptions.ResultQueue} within {ResultTimeout.TotalSeconds:0} s; got {results.Count}:\n{string.Join('\n', results)}");
            }

            try
            {
                if (await channel.BasicGetAsync(RabbitMqOptions.ResultQueue, autoAck: true) is { } result)
                {
                    results.Add(JsonNode.Parse(Encoding.UTF8.GetString(result.Body.Span))!.AsObject());
                    continue;
                }
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
            {
                // The broker restarted: the connection recovers by itself.
            }

            await Task.Delay(50);
        }

        return results;
    }

    /// <summary>Messages ready in a queue (not those delivered and not yet acknowledged).</summary>
    public async Task<uint> MessageCountAsync(string queue) => (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    public async Task<uint> ConsumerCountAsync(string queue) => (await channel.QueueDeclarePassiveAsync(queue)).ConsumerCount;

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
