using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using QuickImport.Api.Deduplication;
using QuickImport.Api.IntegrationTests.Infrastructure;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.Queue;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>
/// A backlog waiting in <c>database_import</c> when the consumer starts: its windows imported as batches
/// (ADR 42), each message still answered as it would be alone (docs/queue.md).
/// </summary>
[NonParallelizable]
public sealed class QueueWindowTests : BrokerTests
{
    // The deduplication's debug entries: a batch that met a taken key says so (ADR 44).
    private static readonly (string, string) DeduplicationDebugLog = ($"Logging:LogLevel:{typeof(DeduplicatedImports).Namespace}", "Debug");

    [Test]
    public async Task A_backlog_is_imported_in_batches_with_one_result_per_message_in_its_own_shape()
    {
        var ann = await TestData.CreateAccountAsync();
        var annsOtherDatabase = await TestData.CreateDatabaseAsync(ann.Id);
        var bob = await TestData.CreateAccountAsync();
        var expected = new Dictionary<string, (int DatabaseId, string Email, string Matching)>();
        for (var i = 0; i < 12; i++)
        {
            // Runs of alike messages, then a change of account, database or matching mode.
            (int Account, int Database, string Matching) target = (i / 3 % 4) switch
            {
                0 => (ann.Id, ann.DatabaseId, "email"),
                1 => (ann.Id, annsOtherDatabase, "email"),
                2 => (bob.Id, bob.DatabaseId, "email"),
                _ => (ann.Id, ann.DatabaseId, "email_phone"),
            };
            var feedbackId = $"mix-{i}";
            var email = $"mix{i}@example.com";
            await Queue.PublishAsync(Message(target.Account, target.Database, new JsonObject { ["email"] = email, ["_fname"] = $"N{i}" }, feedbackId, target.Matching));
            expected[feedbackId] = (target.Database, email, target.Matching);
        }

        // Only updates: a profile that does not exist is this message's own 404, in a batch of them.
        await Queue.PublishAsync(Message(ann.Id, ann.DatabaseId, new JsonObject { ["email"] = "nobody@example.com" }, "missing", "email", updateOnly: true));

        await using var consumer = QueueConsumerHost.Start(Broker);
        var results = (await Queue.ResultsAsync(expected.Count + 1)).ToDictionary(FeedbackId);

        var missing = results["missing"];
        Assert.Multiple(async () =>
        {
            foreach (var (feedbackId, (databaseId, email, matching)) in expected)
            {
                var result = results[feedbackId];
                Assert.That(result["error"]!.GetValue<int>(), Is.EqualTo(0), result.ToJsonString());
                Assert.That(result["error_text"]!.GetValue<string>(), Is.EqualTo(ResponseTexts.Success));
                Assert.That(result["matching_field"]!.GetValue<string>(), Is.EqualTo(matching));
                var profile = await TestData.FindProfileAsync(result["profile_id"]!.GetValue<string>());
                Assert.That((profile?.DatabaseId, profile?.Email), Is.EqualTo(((int?)databaseId, email)), feedbackId);
            }

            Assert.That(missing["error"]!.GetValue<int>(), Is.EqualTo(404), missing.ToJsonString());
            Assert.That(missing["profile_id"], Is.Null);
            Assert.That(await TestData.CountProfilesAsync(ann.DatabaseId), Is.EqualTo(6));
            Assert.That(await TestData.CountProfilesAsync(annsOtherDatabase), Is.EqualTo(3));
            Assert.That(await TestData.CountProfilesAsync(bob.DatabaseId), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Messages_waiting_together_are_written_by_fewer_transactions_than_messages_their_keys_not_looked_up_first()
    {
        const int count = 30;
        var account = await TestData.CreateAccountAsync();
        for (var i = 0; i < count; i++)
        {
            await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = $"w{i}@example.com" }, $"w-{i}"));
        }

        await using var consumer = QueueConsumerHost.Start(Broker, DeduplicationDebugLog);
        var results = await Queue.ResultsAsync(count);

        // Rows a transaction inserted carry its id (xmin): one a message, were each imported alone.
        var transactions = await TestData.QueryAsync("SELECT count(DISTINCT xmin::text) FROM profiles WHERE database_id = $1", r => r.GetInt64(0), account.DatabaseId);
        Assert.Multiple(async () =>
        {
            Assert.That(results.Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0), string.Join('\n', results));
            Assert.That(results.Select(FeedbackId).Distinct().Count(), Is.EqualTo(count));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(count));
            Assert.That(transactions.Single(), Is.LessThan(count));
            Assert.That(MetTakenKey(consumer), Is.Zero, "a batch that repeats nothing is imported at once, its keys claimed by its COMMIT");
        });
    }

    [Test]
    public async Task Two_messages_for_the_same_new_email_in_one_window_make_one_profile_the_second_updating_it()
    {
        var account = await TestData.CreateAccountAsync();
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "dee@example.com", ["_fname"] = "Dee" }, "same-1"));
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "dee@example.com", ["_fname"] = "Deirdre" }, "same-2"));

        await using var consumer = QueueConsumerHost.Start(Broker);
        var results = (await Queue.ResultsAsync(2)).ToDictionary(FeedbackId);

        var profileId = results["same-1"]["profile_id"]?.GetValue<string>();
        Assert.Multiple(async () =>
        {
            Assert.That(results.Values.Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0), string.Join('\n', results.Values));
            Assert.That(results["same-2"]["profile_id"]?.GetValue<string>(), Is.EqualTo(profileId));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
            Assert.That((await TestData.FindProfileAsync(profileId!))?.Fields["_fname"]?.GetValue<string>(), Is.EqualTo("Deirdre"));
        });
    }

    [Test]
    public async Task A_message_already_answered_or_repeated_within_the_window_is_replayed_and_writes_nothing_twice()
    {
        var account = await TestData.CreateAccountAsync();
        var answered = QueueMessages.Import(account, new JsonObject { ["email"] = "eve@example.com", ["_fname"] = "Eve" }, "again-1");
        JsonObject first;
        await using (QueueConsumerHost.Start(Broker))
        {
            await Queue.PublishAsync(answered);
            first = (await Queue.ResultsAsync(1))[0];
        }

        // Changed since by someone else: applying a message again would set it back.
        await ImportApi.ImportAsync(account, ("email", "eve@example.com"), ("_fname", "Evelyn"));
        var twice = QueueMessages.Import(account, new JsonObject { ["email"] = "fay@example.com" }, "again-2");
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "gus@example.com" }, "again-3"));
        await Queue.PublishAsync(answered);
        await Queue.PublishAsync(twice);
        await Queue.PublishAsync(twice);
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "hal@example.com" }, "again-4"));

        await using var consumer = QueueConsumerHost.Start(Broker);
        var results = await Queue.ResultsAsync(5);

        var replayed = results.Single(r => FeedbackId(r) == "again-1");
        var repeated = results.Where(r => FeedbackId(r) == "again-2").ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(JsonNode.DeepEquals(replayed, first), replayed.ToJsonString() + " / " + first.ToJsonString());
            Assert.That(repeated, Has.Count.EqualTo(2));
            Assert.That(JsonNode.DeepEquals(repeated[0], repeated[1]), string.Join(" / ", repeated));
            Assert.That(results.Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0), string.Join('\n', results));
            Assert.That((await TestData.FindProfileAsync(first["profile_id"]!.GetValue<string>()))?.Fields["_fname"]?.GetValue<string>(), Is.EqualTo("Evelyn"));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task A_poison_message_in_the_middle_of_a_window_is_answered_400_and_the_others_imported()
    {
        var account = await TestData.CreateAccountAsync();
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "p1@example.com" }, "poison-1"));
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "p2@example.com" }, "poison-2"));
        await Queue.PublishAsync("{not json");
        await Queue.PublishAsync(new JsonObject { ["db_id"] = account.DatabaseId, ["data"] = new JsonObject { ["email"] = "x@example.com" }, ["feedback_id"] = "poison-no-account" });
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "p3@example.com" }, "poison-3"));
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "p4@example.com" }, "poison-4"));

        await using (var consumer = QueueConsumerHost.Start(Broker))
        {
            var results = await Queue.ResultsAsync(6);

            Assert.Multiple(async () =>
            {
                Assert.That(results.Where(r => r["error"]!.GetValue<int>() == 400).Select(r => r["feedback_id"]?.GetValue<string>()), Is.EquivalentTo(new[] { null, "poison-no-account" }), string.Join('\n', results));
                Assert.That(results.Where(r => r["error"]!.GetValue<int>() == 0).Select(FeedbackId), Is.EquivalentTo(new[] { "poison-1", "poison-2", "poison-3", "poison-4" }));
                Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(4));
            });
        }

        Assert.That(await Queue.MessageCountAsync(RabbitMqOptions.ImportQueue), Is.Zero);
    }

    [Test]
    public async Task Messages_refused_as_requests_in_a_window_get_their_own_errors_and_the_others_import()
    {
        var account = await TestData.CreateAccountAsync();
        const int unknownDatabase = int.MaxValue;
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "r1@example.com" }, "refused-1"));
        await Queue.PublishAsync(Message(account.Id, unknownDatabase, new JsonObject { ["email"] = "r2@example.com" }, "refused-2", "email"));
        await Queue.PublishAsync(Message(account.Id, unknownDatabase, new JsonObject { ["email"] = "r3@example.com" }, "refused-3", "email"));
        var badMatching = QueueMessages.Import(account, new JsonObject { ["email"] = "r4@example.com" }, "refused-4");
        badMatching["matching"] = "no-such-mode";
        await Queue.PublishAsync(badMatching);
        await Queue.PublishAsync(QueueMessages.Import(account, new JsonObject { ["email"] = "r5@example.com" }, "refused-5"));

        await using var consumer = QueueConsumerHost.Start(Broker);
        var results = (await Queue.ResultsAsync(5)).ToDictionary(FeedbackId);

        Assert.Multiple(async () =>
        {
            Assert.That(results["refused-1"]["error"]!.GetValue<int>(), Is.EqualTo(0), results["refused-1"].ToJsonString());
            Assert.That(results["refused-5"]["error"]!.GetValue<int>(), Is.EqualTo(0), results["refused-5"].ToJsonString());
            Assert.That(results["refused-2"]["error"]!.GetValue<int>(), Is.EqualTo(404), results["refused-2"].ToJsonString());
            Assert.That(results["refused-3"]["error"]!.GetValue<int>(), Is.EqualTo(404), results["refused-3"].ToJsonString());
            Assert.That(results["refused-4"]["error"]!.GetValue<int>(), Is.EqualTo(400), results["refused-4"].ToJsonString());
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_key_claimed_by_another_transaction_while_its_batch_runs_has_the_batch_run_again_without_it_each_answered_once()
    {
        const int count = 12;
        var account = await TestData.CreateAccountAsync();
        var bodies = Enumerable.Range(0, count).Select(i => QueueMessages.Import(account, new JsonObject { ["email"] = $"race{i}@example.com" }, $"race-{i}").ToJsonString()).ToList();
        var raced = KeyOf(bodies[count / 2]);

        // A twin's import of one message's key: its lock taken and its claim written, not yet committed,
        // so the window's batch waits for the lock.
        await using var twin = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await twin.OpenAsync();
        await using var twinsTransaction = await twin.BeginTransactionAsync();
        await ExecuteAsync(twin, "SELECT pg_advisory_xact_lock(3, $1)", raced.LockKey);
        await ExecuteAsync(twin, "INSERT INTO request_deduplication (key, claimed_at) VALUES ($1, now())", raced.Digest);
        foreach (var body in bodies)
        {
            await Queue.PublishAsync(body);
        }

        await using var consumer = QueueConsumerHost.Start(Broker, DeduplicationDebugLog);
        var waiting = await WaitingForTheKeyAsync();
        await twinsTransaction.CommitAsync();

        // The batch's COMMIT found the key taken: its keys looked up, the others run again as a batch,
        // the twin's message alone, sent back to the queue while the twin runs.
        var others = await Queue.ResultsAsync(count - 1);
        await TestData.QueryAsync("DELETE FROM request_deduplication WHERE key = $1 RETURNING 0", r => r.GetInt32(0), raced.Digest);
        var last = await Queue.ResultsAsync(1);

        Assert.Multiple(async () =>
        {
            Assert.That(waiting, Does.Contain("unnest"), "the twin's key held up a batch, not a message alone");
            Assert.That(MetTakenKey(consumer), Is.GreaterThanOrEqualTo(1));
            Assert.That(others.Select(FeedbackId), Is.EquivalentTo(Enumerable.Range(0, count).Where(i => i != count / 2).Select(i => $"race-{i}")));
            Assert.That(FeedbackId(last.Single()), Is.EqualTo($"race-{count / 2}"));
            Assert.That(others.Concat(last).Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0), string.Join('\n', others.Concat(last)));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(count));
            Assert.That(await Queue.MessageCountAsync(RabbitMqOptions.ImportQueue), Is.Zero);
        });
    }

    [Test]
    public async Task A_message_whose_key_a_running_import_holds_goes_back_to_the_queue_without_holding_up_its_window()
    {
        var waitTimeout = TimeSpan.FromSeconds(30);
        var account = await TestData.CreateAccountAsync();
        var bodies = Enumerable.Range(0, 4).Select(i => QueueMessages.Import(account, new JsonObject { ["email"] = $"held{i}@example.com" }, $"held-{i}").ToJsonString()).ToList();
        var held = KeyOf(bodies[1]);
        await TestData.QueryAsync("INSERT INTO request_deduplication (key, claimed_at) VALUES ($1, now()) RETURNING 0", r => r.GetInt32(0), held.Digest);
        foreach (var body in bodies)
        {
            await Queue.PublishAsync(body);
        }

        var clock = Stopwatch.StartNew();
        await using var consumer = QueueConsumerHost.Start(Broker, ("QuickImport:Deduplication:WaitTimeout", waitTimeout.ToString()));
        var others = await Queue.ResultsAsync(3);
        var othersAnswered = clock.Elapsed;
        var stillQueued = await TestData.CountProfilesByEmailAsync(account.DatabaseId, "held1@example.com");

        // The running import gives its key up without an outcome: the message, back from the queue, imports.
        await TestData.QueryAsync("DELETE FROM request_deduplication WHERE key = $1 RETURNING 0", r => r.GetInt32(0), held.Digest);
        var last = await Queue.ResultsAsync(1);

        Assert.Multiple(async () =>
        {
            Assert.That(others.Select(FeedbackId), Is.EquivalentTo(new[] { "held-0", "held-2", "held-3" }));
            Assert.That(othersAnswered, Is.LessThan(waitTimeout / 3), "not held up by the wait for the held key");
            Assert.That(stillQueued, Is.Zero);
            Assert.That(FeedbackId(last.Single()), Is.EqualTo("held-1"));
            Assert.That(others.Concat(last).Select(r => r["error"]!.GetValue<int>()), Is.All.EqualTo(0), string.Join('\n', others.Concat(last)));
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(4));
            Assert.That(await Queue.MessageCountAsync(RabbitMqOptions.ImportQueue), Is.Zero);
        });
    }

    private static JsonObject Message(int accountId, int databaseId, JsonObject item, string feedbackId, string matching, bool updateOnly = false) => new()
    {
        ["account_id"] = accountId,
        ["db_id"] = databaseId,
        ["data"] = item,
        ["matching"] = matching,
        ["update_only"] = updateOnly,
        ["feedback_id"] = feedbackId,
    };

    private static string FeedbackId(JsonObject result) => result["feedback_id"]!.GetValue<string>();

    private static int MetTakenKey(ApiInstance consumer) =>
        consumer.Log.Entries.Count(e => e.Category == typeof(DeduplicatedImports).FullName && e.Message.Contains("met a key already taken", StringComparison.Ordinal));

    // The key a message is deduplicated by, as the consumer reads it.
    private static RequestKey KeyOf(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var message = ImportMessage.Parse(bytes);
        return DeduplicationKey.ForMessage(message.AccountId, message.FeedbackId?.GetRawText(), bytes);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    // The statement of the session waiting for a deduplication key's advisory lock (class 3), once one does.
    private static async Task<string> WaitingForTheKeyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var waiting = await TestData.QueryAsync(
                "SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = 3 AND NOT l.granted",
                r => r.GetString(0));
            if (waiting.Count > 0)
            {
                return waiting[0];
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no import waited for the key");
            await Task.Delay(20);
        }
    }
}
