using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Queue;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>How a consumer's window is cut into the batches that import it (ADR 42).</summary>
public sealed class ImportBatchesTests
{
    [Test]
    public void Consecutive_alike_messages_share_a_batch_in_delivery_order()
    {
        var window = Window(Body("a"), Body("b"), Body("c"));

        Assert.That(ImportBatches.Of(window), Is.EqualTo(new[] { new[] { 0, 1, 2 } }));
    }

    [Test]
    public void A_change_of_account_database_or_any_request_parameter_starts_a_new_batch()
    {
        var window = Window(
            Body("a"),
            Body("b", accountId: 2),
            Body("c", accountId: 2, databaseId: 8),
            Body("d", accountId: 2, databaseId: 8, ("matching", "email_phone")),
            Body("e", accountId: 2, databaseId: 8, ("matching", "email_phone"), ("update_only", true)),
            Body("f", accountId: 2, databaseId: 8, ("matching", "email_phone"), ("update_only", true), ("skip_triggers", true)),
            Body("g", accountId: 2, databaseId: 8, ("matching", "email_phone"), ("update_only", true), ("skip_triggers", true), ("resource_id", 3)),
            Body("h", accountId: 2, databaseId: 8, ("matching", "email_phone"), ("update_only", true), ("skip_triggers", true), ("resource_id", 3)));

        Assert.That(ImportBatches.Of(window), Is.EqualTo(new[] { new[] { 0 }, [1], [2], [3], [4], [5], [6, 7] }));
    }

    [Test]
    public void A_message_repeating_a_key_of_its_batch_starts_the_next_one()
    {
        var window = Window(Body("a"), Body("b"), Body("a"), Body("c"));

        Assert.That(ImportBatches.Of(window), Is.EqualTo(new[] { new[] { 0, 1 }, [2, 3] }));
    }

    [Test]
    public void A_message_with_a_fault_of_its_request_stands_alone_and_an_unreadable_one_is_in_no_batch()
    {
        var window = Window(Body("a"), Body("b"), Body("c", ("unknown_parameter", 1)), Body("d"), Body("e"));
        window[3] = null;

        Assert.That(ImportBatches.Of(window), Is.EqualTo(new[] { new[] { 0, 1 }, [2], [4] }));
    }

    [Test]
    public void A_batchs_command_is_its_first_messages_request_with_each_messages_item_in_order()
    {
        var window = Window(Body("a"), Body("b"), Body("c"));

        var command = ImportBatches.Command([.. window.Select(m => m!.Message)]);

        Assert.Multiple(() =>
        {
            Assert.That(command.Request.Items.Select(i => i.Value("email")), Is.EqualTo(new[] { "a@example.com", "b@example.com", "c@example.com" }));
            Assert.That(command.TrustedAccountId, Is.EqualTo(1));
            Assert.That(command.Request.DatabaseId, Is.EqualTo(7));
        });
    }

    private static QueuedImport?[] Window(params string[] bodies) =>
    [
        .. bodies.Select(body =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var message = ImportMessage.Parse(bytes);
            return new QueuedImport(message, DeduplicationKey.ForMessage(message.AccountId, message.FeedbackId?.GetRawText(), bytes));
        }),
    ];

    private static string Body(string name, params (string Name, JsonNode Value)[] parameters) => Body(name, 1, 7, parameters);

    private static string Body(string name, int accountId, int databaseId = 7, params (string Name, JsonNode Value)[] parameters)
    {
        var body = new JsonObject
        {
            ["account_id"] = accountId,
            ["db_id"] = databaseId,
            ["data"] = new JsonObject { ["email"] = $"{name}@example.com" },
            ["feedback_id"] = name,
        };
        foreach (var (parameter, value) in parameters)
        {
            body[parameter] = value;
        }

        return body.ToJsonString();
    }
}
