using QuickImport.Api.IntegrationTests.Infrastructure;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>Tests against the shared throwaway broker, each test with a client of its own.</summary>
public abstract class BrokerTests
{
    protected RabbitMqBroker Broker { get; private set; } = null!;

    protected QueueClient Queue { get; private set; } = null!;

    [SetUp]
    public async Task ConnectAsync()
    {
        Broker = await RabbitMqBroker.SharedAsync();
        Queue = await QueueClient.ConnectAsync(Broker.AmqpUri);
    }

    [TearDown]
    public async Task DisconnectAsync() => await Queue.DisposeAsync();
}
