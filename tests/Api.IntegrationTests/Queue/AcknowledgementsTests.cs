using System.Text;
using QuickImport.Api.Queue;
using RabbitMQ.Client;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>
/// A window's acknowledgements in one multiple frame where nothing unsettled lies below them (ADR 45),
/// on a real broker: it must never settle a delivery still in flight, nor name a tag the broker no
/// longer knows (which closes the channel).
/// </summary>
[NonParallelizable]
public sealed class AcknowledgementsTests : BrokerTests
{
    private const string TestQueue = "quickimport_acknowledgements_test";

    private IConnection connection = null!;
    private IChannel channel = null!;

    [SetUp]
    public async Task OpenChannelAsync()
    {
        connection = await new ConnectionFactory { Uri = Broker.AmqpUri }.CreateConnectionAsync("quickimport-acknowledgements-tests");
        channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(TestQueue, durable: false, exclusive: false, autoDelete: false);
        await channel.QueuePurgeAsync(TestQueue);
    }

    [TearDown]
    public async Task CloseChannelAsync()
    {
        await channel.DisposeAsync();
        await using (var deleting = await connection.CreateChannelAsync())
        {
            await deleting.QueueDeleteAsync(TestQueue);
        }

        await connection.DisposeAsync();
    }

    [Test]
    public async Task Tags_with_nothing_unsettled_below_go_in_one_frame_and_those_above_an_unsettled_one_singly()
    {
        var acknowledgements = new Acknowledgements(channel);
        var tags = await DeliverAsync(acknowledgements, 6);

        var (upTo, singly) = acknowledgements.Plan([tags[0], tags[1], tags[3], tags[5]]);

        Assert.Multiple(() =>
        {
            Assert.That(upTo, Is.EqualTo(tags[1]));
            Assert.That(singly, Is.EqualTo(new[] { tags[3], tags[5] }));
            Assert.That(acknowledgements.Plan([tags[2], tags[4]]).UpTo, Is.Null, "the lowest unsettled delivery is not among them");
        });
    }

    [Test]
    public async Task Acknowledging_out_of_order_and_returning_one_between_settles_exactly_those_named_and_keeps_the_channel_open()
    {
        var acknowledgements = new Acknowledgements(channel);
        var tags = await DeliverAsync(acknowledgements, 6);

        // Another window's deliveries (the first two) still in flight: these must not settle them.
        await acknowledgements.AcknowledgeAsync([tags[2], tags[3]], CancellationToken.None);
        await acknowledgements.AcknowledgeAsync([tags[0]], CancellationToken.None);
        await acknowledgements.ReturnAsync(tags[4], CancellationToken.None);
        await acknowledgements.AcknowledgeAsync([tags[1], tags[5]], CancellationToken.None);

        // A round trip after them: the broker closes the channel on a tag it does not know.
        Assert.DoesNotThrowAsync(async () => await channel.QueueDeclarePassiveAsync(TestQueue));

        // Settled at the broker: the returned one waits again, nothing else is unacknowledged (the channel's close would requeue it).
        await channel.CloseAsync();
        await using var checking = await connection.CreateChannelAsync();
        var waiting = await checking.BasicGetAsync(TestQueue, autoAck: true);
        var after = await checking.BasicGetAsync(TestQueue, autoAck: true);
        Assert.Multiple(() =>
        {
            Assert.That(waiting is null ? null : Encoding.UTF8.GetString(waiting.Body.Span), Is.EqualTo("4"));
            Assert.That(after, Is.Null);
        });
    }

    /// <summary>Publishes <paramref name="count"/> messages ("0", "1", …) and takes each, unacknowledged; their tags in order.</summary>
    private async Task<List<ulong>> DeliverAsync(Acknowledgements acknowledgements, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await channel.BasicPublishAsync(string.Empty, TestQueue, Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        List<ulong> tags = [];
        while (tags.Count < count)
        {
            if (await channel.BasicGetAsync(TestQueue, autoAck: false) is { } delivery)
            {
                acknowledgements.Delivered(delivery.DeliveryTag);
                tags.Add(delivery.DeliveryTag);
            }
        }

        return tags;
    }
}
