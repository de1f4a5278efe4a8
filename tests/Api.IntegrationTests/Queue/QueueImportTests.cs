using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.Health;
using QuickImport.Api.IntegrationTests.Health;
using QuickImport.Api.IntegrationTests.Infrastructure;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.Queue;
using QuickImport.Api.Responses;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>
/// Imports published to <c>database_import</c> on a real Broker, as a producer sees them: the results on
/// <c>database_import_result</c>, and what PostgreSQL holds (docs/queue.md).
/// </summary>
[NonParallelizable]
public sealed class QueueImportTests : BrokerTests
{
    [Test]
    public async Task A_message_imports_and_its_result_carries_the_feedback_id()
    {
        var account = await TestData.CreateAccountAsync();
        await using var consumer = QueueConsumerHost.Start(Broker);

        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "ann@example.com", ["_fname"] = "Ann" }, "crm-1"));
        var result = (await Queue.ResultsAsync(1))[0];

        var profile = await TestData.FindProfileAsync(result["profile_id"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(result["error"]!.GetValue<int>(), Is.EqualTo(0), result.ToJsonString());
            Assert.That(result["error_text"]!.GetValue<string>(), Is.EqualTo(ResponseTexts.Success));
            Assert.That(result["feedback_id"]!.GetValue<string>(), Is.EqualTo("crm-1"));
            Assert.That(result["matching_field"]!.GetValue<string>(), Is.EqualTo("email"));
            Assert.That(profile?.Email, Is.EqualTo("ann@example.com"));
            Assert.That(profile?.Fields["_fname"]?.GetValue<string>(), Is.EqualTo("Ann"));
        });
    }

    [TestCase("crm-2")]
    [TestCase(null)] // deduplicated by the body's fingerprint
    public async Task The_same_message_delivered_twice_imports_once_and_answers_twice_alike(string? feedbackId)
    {
        var account = await TestData.CreateAccountAsync();
        var message = QueueMessages.Import(account, new JsonObject { ["email"] = "bob@example.com", ["_fname"] = "Bob" }, feedbackId);
        await using var consumer = QueueConsumerHost.Start(Broker);

        await Queue.PublishAsync(message);
        var first = (await Queue.ResultsAsync(1))[0];

        // Changed since by someone else: applying the message again would set it back.
        await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("_fname", "Robert"));
        await Queue.PublishAsync(message);
        var second = (await Queue.ResultsAsync(1))[0];

        var profile = await TestData.FindProfileAsync(first["profile_id"]!.GetValue<string>());
        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(first, second), first.ToJsonString() + " / " + second.ToJsonString());
            Assert.That(first["error"]!.GetValue<int>(), Is.EqualTo(0), first.ToJsonString());
            Assert.That(profile?.Fields["_fname"]?.GetValue<string>(), Is.EqualTo("Robert"));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_message_whose_consumer_dies_between_commit_and_ack_is_imported_once_and_answered_by_the_next()
    {
        var account = await TestData.CreateAccountAsync();
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "cy@example.com", ["_fname"] = "Cy" }, "crm-3"));

        // The broker takes no publish: the first consumer imports and commits, but its result is never
        // confirmed, so it never acknowledges; stopped, it leaves the message to be delivered again.
        await Broker.BlockPublishersAsync(true);
        string profileId;
        try
        {
            await using (QueueConsumerHost.Start(Broker))
            {
                profileId = await CommittedProfileAsync(account.DatabaseId);
            }
        }
        finally
        {
            await Broker.BlockPublishersAsync(false);
        }

        await ImportApi.ImportAsync(account, ("email", "cy@example.com"), ("_fname", "Cyril"));
        await using var next = QueueConsumerHost.Start(Broker);
        var results = await Queue.ResultsUntilAsync(r => r.Count >= 1, "the redelivery's result");

        Assert.Multiple(async () =>
        {
            Assert.That(results.Select(r => r["profile_id"]?.GetValue<string>()), Is.All.EqualTo(profileId), string.Join('\n', results));
            Assert.That(results.Select(r => r["feedback_id"]?.GetValue<string>()), Is.All.EqualTo("crm-3"));
            Assert.That((await TestData.FindProfileAsync(profileId))?.Fields["_fname"]?.GetValue<string>(), Is.EqualTo("Cyril"));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_poison_message_is_answered_400_and_acknowledged()
    {
        await using (QueueConsumerHost.Start(Broker))
        {
            await Queue.PublishAsync("{not json");
            await Queue.PublishAsync(new JsonObject { ["db_id"] = 1, ["data"] = new JsonObject { ["email"] = "x@example.com" }, ["feedback_id"] = "no-account" });
            var results = await Queue.ResultsAsync(2);

            Assert.Multiple(() =>
            {
                Assert.That(results.Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(400), string.Join('\n', results));
                Assert.That(results.Select(r => r["error_text"]!.GetValue<string>()), Is.All.EqualTo(ResponseTexts.BadRequest));
                // Imported side by side (the prefetch), so answered in either order.
                Assert.That(results.Select(r => r["feedback_id"]?.GetValue<string>()), Is.EquivalentTo(new[] { null, "no-account" }));
            });
        }

        // Stopped, a consumer's unacknowledged messages would be back in the queue.
        Assert.That(await Queue.MessageCountAsync(RabbitMqOptions.ImportQueue), Is.Zero);
    }

    [Test]
    public async Task The_broker_restarting_mid_stream_loses_nothing_and_doubles_nothing()
    {
        const int count = 60;
        var account = await TestData.CreateAccountAsync();
        await using var consumer = QueueConsumerHost.Start(Broker, ("QuickImport:RabbitMq:Prefetch", "4"));
        for (var i = 0; i < count; i++)
        {
            await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = $"p{i}@example.com" }, $"m-{i}"));
        }

        var before = await Queue.ResultsUntilAsync(r => r.Count >= 5, "results before the restart");
        await Broker.RestartAsync();
        var after = await Queue.ResultsUntilAsync(
            r => before.Concat(r).Select(FeedbackId).Distinct().Count() == count, "a result for every message");

        // A result confirmed just before the restart may come twice (its ack was lost): alike, never a second import.
        var byMessage = before.Concat(after).GroupBy(FeedbackId).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(byMessage.Where(g => g.Any(r => !JsonNode.DeepEquals(r, g.First()))).Select(g => g.Key), Is.Empty);
            Assert.That(byMessage.Select(g => g.First()["error"]!.GetValue<int>()), Is.All.EqualTo(0));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(count));
        });
    }

    [Test]
    public async Task Two_consumers_share_the_queue_and_import_each_message_once()
    {
        const int count = 40;
        var account = await TestData.CreateAccountAsync();
        using var consumed = new ConsumedPerInstance();
        await using var first = QueueConsumerHost.Start(Broker, ("QuickImport:RabbitMq:Prefetch", "1"));
        await using var second = QueueConsumerHost.Start(Broker, ("QuickImport:RabbitMq:Prefetch", "1"));
        await WaitForConsumersAsync(2);

        for (var i = 0; i < count; i++)
        {
            await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = $"q{i}@example.com" }, $"two-{i}"));
        }

        var results = await Queue.ResultsAsync(count);

        Assert.Multiple(async () =>
        {
            Assert.That(results.Select(FeedbackId).Distinct().Count(), Is.EqualTo(count));
            Assert.That(results.Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(count));
            Assert.That(consumed.By(first), Is.GreaterThan(0), "the first instance consumed");
            Assert.That(consumed.By(second), Is.GreaterThan(0), "the second instance consumed");
        });
    }

    [Test]
    public async Task Ready_reports_the_broker_when_a_uri_is_configured()
    {
        await using var consumer = QueueConsumerHost.Start(Broker);
        using var client = consumer.CreateClient();
        await WaitForConsumersAsync(1);

        var ready = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);
        using var withoutQueue = TestEnvironment.Api.CreateClient();
        var readyWithoutQueue = await HealthAnswer.GetAsync(withoutQueue, HealthEndpoints.ReadyPath);

        Assert.Multiple(() =>
        {
            Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.OK), ready.ToString());
            Assert.That(ready.EntryStatus(RabbitMqHealthCheck.Name), Is.EqualTo("Healthy"), ready.ToString());
            Assert.That(readyWithoutQueue.Entries.ContainsKey(RabbitMqHealthCheck.Name), Is.False, readyWithoutQueue.ToString());
        });
    }

    private static string FeedbackId(JsonObject result) => result["feedback_id"]!.GetValue<string>();

    private static async Task<string> CommittedProfileAsync(int databaseId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var ids = await TestData.QueryAsync("SELECT id FROM profiles WHERE database_id = $1", r => r.GetString(0), databaseId);
            if (ids.Count > 0)
            {
                return ids.Single();
            }

            await Task.Delay(50);
        }

        throw new AssertionException("the consumer committed no import within 30 s");
    }

    private async Task WaitForConsumersAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await Queue.ConsumerCountAsync(RabbitMqOptions.ImportQueue) < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"{count} consumers on {RabbitMqOptions.ImportQueue} within 30 s");
            await Task.Delay(50);
        }
    }
}
