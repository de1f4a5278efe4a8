using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.Observability;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.BatchApi;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>The v1.1 import family: many profiles per call, each item imported as a quick import of it would be.</summary>
public sealed class BatchImportTests
{
    [Test]
    public async Task Every_item_gets_its_own_outcome_in_order_and_a_refused_item_leaves_the_others_written()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "age", FieldType.Int);
        await TestData.AddFieldAsync(account.DatabaseId, "card", FieldType.String, unique: true);
        var ann = ProfileIdOf(Results(await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "ann@example.com", ["card"] = "C-1", ["phone"] = "+79160000001" }))))[0]);
        var bob = ProfileIdOf(Results(await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "bob@example.com", ["phone"] = "+79160000002" }))))[0]);

        var answer = await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "new@example.com", ["_fname"] = "New" },
            new JsonObject { ["email"] = "x@example.com", ["age"] = "x" },
            new JsonObject { ["email"] = "bob@example.com", ["card"] = "C-1" },
            new JsonObject { ["email"] = "ann@example.com", ["_fname"] = "Ann" },
            new JsonObject { ["email"] = "x2@example.com", ["bogus"] = "1" })));

        var results = Results(answer);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(Codes(answer), Is.EqualTo(new[] { 0, 400, 435, 0, 400 }));
            Assert.That(results[0]!["created"]!.GetValue<bool>(), Is.True);
            Assert.That(results[1]!["details"]!.GetValue<string>(), Does.StartWith("item 1: age:"));
            Assert.That(results[2]!["field"]!.GetValue<string>(), Is.EqualTo("card"));
            Assert.That(results[2]!["conflicting_profile_id"]!.GetValue<string>(), Is.EqualTo(ann));
            Assert.That(ProfileIdOf(results[3]), Is.EqualTo(ann));
            Assert.That(results[3]!["created"]!.GetValue<bool>(), Is.False);
            Assert.That(results[4]!["error_text"]!.GetValue<string>(), Is.EqualTo("Bad request, please verify request parameters"));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(3), "ann, bob and new");
        Assert.That((await TestData.FindProfileAsync(bob))!.FieldsJson, Does.Not.Contain("C-1"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
    }

    [Test]
    public async Task Two_matches_are_409_with_the_candidates_for_that_item_only()
    {
        var account = await TestData.CreateAccountAsync();
        await ImportApi.ImportAsync(account, ("email", "ann@example.com"));
        await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79160000002"));

        var answer = await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "ann@example.com", ["phone"] = "+79160000002" },
            new JsonObject { ["email"] = "carl@example.com", ["phone"] = "+79160000003" }), ("matching", "email_phone")));

        Assert.That(Codes(answer), Is.EqualTo(new[] { 409, 0 }));
        Assert.That(Results(answer)[0]!["candidates"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_same_email_twice_in_one_batch_makes_one_profile()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "ann@example.com", ["_fname"] = "Ann" },
            new JsonObject { ["email"] = "ANN@example.com", ["_lname"] = "Lee" })));

        var results = Results(answer);
        Assert.That(Codes(answer), Is.EqualTo(new[] { 0, 0 }));
        Assert.That(ProfileIdOf(results[1]), Is.EqualTo(ProfileIdOf(results[0])));
        Assert.That(results[1]!["created"]!.GetValue<bool>(), Is.False);
        var stored = await TestData.FindProfileAsync(ProfileIdOf(results[0]));
        Assert.That(stored!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task With_room_for_three_a_batch_of_ten_creates_exactly_three_and_its_updates_succeed()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 4);
        await ImportApi.ImportAsync(account, ("email", "ann@example.com"));
        var items = Enumerable.Range(0, 10).Select(i => new JsonObject { ["email"] = $"new{i}@example.com" }).ToList();
        items.Insert(5, new JsonObject { ["email"] = "ann@example.com", ["_fname"] = "Ann" });

        var answer = await PostAsync(ImportBatch, Body(account, Items([.. items])));

        Assert.That(Codes(answer), Is.EqualTo(new[] { 0, 0, 0, 402, 402, 0, 402, 402, 402, 402, 402 }));
        Assert.That(Results(answer)[3]!["error_text"]!.GetValue<string>(), Is.EqualTo("Tariff account limit reached"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(4));

        // The room is used up exactly: not one profile more.
        var after = await PostAsync(ImportBatch, Body(account, Items(new JsonObject { ["email"] = "late@example.com" })));
        Assert.That(Codes(after), Is.EqualTo(new[] { 402 }));
    }

    [Test]
    public async Task Add_batch_refuses_an_item_whose_email_is_taken_and_update_batch_one_that_matches_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        await ImportApi.ImportAsync(account, ("email", "ann@example.com"));

        var added = await PostAsync(AddBatch, Body(account, Items(
            new JsonObject { ["email"] = "ann@example.com" }, new JsonObject { ["email"] = "bob@example.com" })));
        var updated = await PostAsync(UpdateBatch, Body(account, Items(
            new JsonObject { ["email"] = "nobody@example.com", ["_fname"] = "No" }, new JsonObject { ["email"] = "bob@example.com", ["_fname"] = "Bob" })));

        Assert.That(Codes(added), Is.EqualTo(new[] { 435, 0 }));
        Assert.That(Codes(updated), Is.EqualTo(new[] { 404, 0 }));
        Assert.That(Results(updated)[0]!["error_text"]!.GetValue<string>(), Is.EqualTo("Profile not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task With_phone_matching_every_entry_of_phones_is_a_key()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = (await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79160000009"), ("_fname", "Ann"))).ProfileId;

        var answer = await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["phones"] = new JsonArray("+79160000001", "+79160000009"), ["_lname"] = "Lee" }), ("matching", "phone")));

        Assert.That(ProfileIdOf(Results(answer)[0]), Is.EqualTo(ann));
        Assert.That((await TestData.FindProfileAsync(ann))!.Phones, Is.EquivalentTo(new[] { "+79160000009", "+79160000001" }));
    }

    [Test]
    public async Task A_regdate_the_client_sends_is_kept_on_create_and_left_alone_on_update()
    {
        var account = await TestData.CreateAccountAsync();

        var created = await PostAsync(ImportBatch, Body(account, Items(new JsonObject { ["email"] = "ann@example.com", ["_regdate"] = "2019-05-06T07:08:09Z" })));
        await PostAsync(ImportBatch, Body(account, Items(new JsonObject { ["email"] = "ann@example.com", ["_regdate"] = "2024-01-01T00:00:00Z" })));

        var stored = await TestData.FindProfileAsync(ProfileIdOf(Results(created)[0]));
        Assert.That(stored!.Fields["_regdate"]!.GetValue<string>(), Is.EqualTo("2019-05-06T07:08:09Z"));
    }

    [Test]
    public async Task An_invalid_subscription_refuses_its_item_unless_the_request_skips_invalid_subscriptions()
    {
        var account = await TestData.CreateAccountAsync();
        var emailOnly = await TestData.CreateResourceAsync(account.DatabaseId, channels: [Channel.Email]);
        JsonObject Item(string email) => new()
        {
            ["email"] = email,
            ["subscriptions"] = new JsonArray(
                new JsonObject { ["resource_id"] = emailOnly, ["channel"] = "email" },
                new JsonObject { ["resource_id"] = emailOnly, ["channel"] = "sms", ["phone"] = "+79160000001" }),
        };

        var strict = await PostAsync(ImportBatch, Body(account, Items(Item("ann@example.com"))));
        var lenient = await PostAsync(ImportBatch, Body(account, Items(Item("bob@example.com")), ("skip_invalid_subscriptions", true)));

        Assert.That(Codes(strict), Is.EqualTo(new[] { 400 }));
        Assert.That(Results(strict)[0]!["details"]!.GetValue<string>(), Does.Contain("subscriptions[1]"));
        Assert.That(Codes(lenient), Is.EqualTo(new[] { 0 }));
        var subscriptions = await TestData.SubscriptionsAsync(ProfileIdOf(Results(lenient)[0]));
        Assert.That(subscriptions.Select(s => (s.Channel, s.Contact, s.Status)), Is.EqualTo(new[] { ("Email", "bob@example.com", "Subscribed") }));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_listed_unsubscribed_status_unsubscribes_a_stored_subscription_and_subscribed_never_brings_it_back()
    {
        var account = await TestData.CreateAccountAsync();
        var news = await TestData.CreateResourceAsync(account.DatabaseId, channels: [Channel.Email]);
        var ann = (await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("resource_id", Id(news)))).ProfileId;
        JsonObject Item(string status) => new()
        {
            ["email"] = "ann@example.com",
            ["subscriptions"] = new JsonArray(new JsonObject { ["resource_id"] = news, ["channel"] = "email", ["status"] = status }),
        };

        await PostAsync(ImportBatch, Body(account, Items(Item("unsubscribed"))));
        var unsubscribed = await TestData.SubscriptionsAsync(ann);
        await PostAsync(ImportBatch, Body(account, Items(Item("subscribed"))));

        Assert.That(unsubscribed.Single().Status, Is.EqualTo("Unsubscribed"));
        Assert.That((await TestData.SubscriptionsAsync(ann)).Single().Status, Is.EqualTo("Unsubscribed"));
    }

    [Test]
    public async Task Each_imported_item_is_launched_in_the_trigger_unless_the_request_skips_triggers()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);

        await PostAsync(ImportBatch, Body(account, Items(
            new JsonObject { ["email"] = "a@example.com" }, new JsonObject { ["email"] = "b@example.com", ["bogus"] = "1" }), ("trigger_id", trigger)));
        await PostAsync(ImportBatch, Body(account, Items(new JsonObject { ["email"] = "c@example.com" }), ("trigger_id", trigger), ("skip_triggers", true)));

        Assert.That(await TestData.AutomationRunsAsync(trigger), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Two_concurrent_batches_of_the_same_emails_in_opposite_orders_neither_fail_nor_duplicate()
    {
        var account = await TestData.CreateAccountAsync();
        var emails = Enumerable.Range(0, 500).Select(i => $"c{i}@example.com").ToList();
        JsonObject Batch(IEnumerable<string> order) => Body(account, Items([.. order.Select(e => new JsonObject { ["email"] = e, ["phone"] = "+7916" + e[1..].Split('@')[0].PadLeft(7, '0') })]));

        var answers = await Task.WhenAll(
            PostAsync(ImportBatch, Batch(emails)),
            PostAsync(ImportBatch, Batch(Enumerable.Reverse(emails))));

        Assert.That(answers.Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), string.Join("\n", answers.Select(a => a.ToString()[..Math.Min(300, a.Body.Length)])));
        Assert.That(answers.SelectMany(Codes), Has.All.EqualTo(0));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(500));
    }

    [Test]
    public async Task A_batch_of_several_chunks_decides_each_item_after_the_items_of_the_chunks_before_it()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "card", FieldType.String, unique: true);
        var items = Enumerable.Range(0, 2_500).Select(i => new JsonObject { ["email"] = $"bulk{i}@example.com" }).ToList();
        items[0] = new JsonObject { ["email"] = "first@example.com", ["_fname"] = "First" };
        items[10] = new JsonObject { ["email"] = "holder@example.com", ["card"] = "C-1" };
        items[1_500] = new JsonObject { ["email"] = "FIRST@example.com", ["_lname"] = "Last" };
        items[2_200] = new JsonObject { ["email"] = "rival@example.com", ["card"] = "C-1" };

        var answer = await PostAsync(ImportBatch, Body(account, Items([.. items])));

        var results = Results(answer);
        var codes = Codes(answer);
        Assert.Multiple(() =>
        {
            Assert.That(codes.Where((_, i) => i != 2_200), Has.All.EqualTo(0));
            Assert.That(ProfileIdOf(results[1_500]), Is.EqualTo(ProfileIdOf(results[0])), "the second chunk found the profile the first created");
            Assert.That(results[1_500]!["created"]!.GetValue<bool>(), Is.False);
            Assert.That(codes[2_200], Is.EqualTo(435), "the third chunk found the value the first claimed");
            Assert.That(results[2_200]!["conflicting_profile_id"]!.GetValue<string>(), Is.EqualTo(ProfileIdOf(results[10])));
        });
        var first = await TestData.FindProfileAsync(ProfileIdOf(results[0]));
        Assert.That(first!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("First"));
        Assert.That(first.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Last"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2_498));
    }

    [Test]
    public async Task A_batch_of_several_chunks_creates_exactly_the_room_left_the_first_items_first()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 1_500);

        var answer = await PostAsync(ImportBatch, Body(account, Items([.. Enumerable.Range(0, 2_500).Select(i => new JsonObject { ["email"] = $"n{i}@example.com" })])));

        Assert.That(Codes(answer), Is.EqualTo(Enumerable.Repeat(0, 1_500).Concat(Enumerable.Repeat(402, 1_000))));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1_500));
        var after = await PostAsync(ImportBatch, Body(account, Items(new JsonObject { ["email"] = "late@example.com" })));
        Assert.That(Codes(after), Is.EqualTo(new[] { 402 }), "the room is used up exactly");
    }

    [Test]
    public async Task Two_concurrent_batches_of_several_chunks_updating_the_same_profiles_in_opposite_orders_neither_fail_nor_duplicate()
    {
        var account = await TestData.CreateAccountAsync();
        var emails = Enumerable.Range(0, 2_500).Select(i => $"s{i}@example.com").ToList();
        JsonObject Batch(IEnumerable<string> order, string name) => Body(account, Items([.. order.Select(e => new JsonObject { ["email"] = e, ["_fname"] = name })]));
        Assert.That(Codes(await PostAsync(ImportBatch, Batch(emails, "Stored"))), Has.All.EqualTo(0));

        var logged = TestEnvironment.Api.Log.Entries.Count;

        var answers = await Task.WhenAll(
            PostAsync(ImportBatch, Batch(emails, "Forward")),
            PostAsync(ImportBatch, Batch(Enumerable.Reverse(emails), "Backward")));

        Assert.That(answers.Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(answers.SelectMany(Codes), Has.All.EqualTo(0));
        Assert.That(answers.SelectMany(a => Results(a)).Select(r => r!["created"]!.GetValue<bool>()), Has.All.False);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2_500));

        // Each ran once, without a deadlock to run again after: its three chunks' searches and the COMMIT.
        var roundTrips = TestEnvironment.Api.Log.Entries.Skip(logged)
            .Where(e => e.Category == typeof(ImportTelemetryMiddleware).FullName)
            .SelectMany(e => e.Values.Where(v => v.StartsWith("DbRoundTrips=", StringComparison.Ordinal)));
        Assert.That(roundTrips, Is.EqualTo(new[] { "DbRoundTrips=4", "DbRoundTrips=4" }));
    }

    [Test]
    public async Task The_single_import_answers_its_item_at_the_top_level_with_its_own_status()
    {
        var account = await TestData.CreateAccountAsync();

        var created = await PostAsync(BatchApi.Import, Body(account, new JsonObject { ["email"] = "ann@example.com" }));
        var refused = await PostAsync(BatchApi.Import, Body(account, new JsonObject { ["email"] = "not an email" }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(created.Json["created"]!.GetValue<bool>(), Is.True);
        Assert.That(created.Json["profile_id"]!.GetValue<string>(), Has.Length.EqualTo(24));
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refused.Json["error"]!.GetValue<int>(), Is.EqualTo(400));
    }

    [Test]
    public async Task Field_names_are_read_as_their_text_however_each_item_spells_them()
    {
        var account = await TestData.CreateAccountAsync();
        var longName = "x" + new string('y', 80);
        var json = Body(account, Items(
            new JsonObject { ["email"] = "ann@example.com", ["_fname"] = "Ann" },
            new JsonObject { ["email"] = "bob@example.com", ["_fname"] = "Bob" },
            new JsonObject { ["email"] = "cid@example.com", [longName] = "Cid" },
            new JsonObject { ["email"] = "dan@example.com", ["_fname"] = "Dan" })).ToJsonString();

        // Bob's names escaped, as some encoders write them; a name longer than those read once per body.
        var answer = await PostAsync(ImportBatch, json
            .Replace("\"email\":\"bob@", "\"\\u0065mail\":\"bob@", StringComparison.Ordinal)
            .Replace("\"_fname\":\"Bob\"", "\"_f\\u006eame\":\"Bob\"", StringComparison.Ordinal));

        var results = Results(answer);
        Assert.That(Codes(answer), Is.EqualTo(new[] { 0, 0, 400, 0 }));
        Assert.That(results[2]!["details"]!.GetValue<string>(), Does.Contain(longName));
        foreach (var (index, name) in new[] { (0, "Ann"), (1, "Bob"), (3, "Dan") })
        {
            var profile = await TestData.FindProfileAsync(ProfileIdOf(results[index]));
            Assert.That(profile!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo(name));
        }
    }

    [TestCase("{\"token\": ", HttpStatusCode.BadRequest, "invalid JSON")]
    [TestCase("[1, 2]", HttpStatusCode.BadRequest, "one object")]
    public async Task A_body_that_is_not_one_JSON_object_is_400_and_writes_nothing(string body, HttpStatusCode status, string detail)
    {
        var answer = await PostAsync(ImportBatch, body);

        Assert.That(answer.Status, Is.EqualTo(status));
        Assert.That(answer.Json["details"]!.GetValue<string>(), Does.Contain(detail));
    }

    [Test]
    public async Task Request_level_faults_are_answered_with_their_status_and_write_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var one = new JsonObject { ["email"] = "ann@example.com" };

        var noData = await PostAsync(ImportBatch, new JsonObject { ["token"] = account.Token, ["db_id"] = account.DatabaseId });
        var emptyData = await PostAsync(ImportBatch, Body(account, new JsonArray()));
        var badMatching = await PostAsync(ImportBatch, Body(account, Items(one.DeepClone().AsObject()), ("matching", "nope")));
        var badToken = await PostAsync(ImportBatch, Body(account, Items(one.DeepClone().AsObject()), ("token", "wrong")));
        var noDatabase = await PostAsync(ImportBatch, Body(account, Items(one.DeepClone().AsObject()), ("db_id", 999999)));
        var noResource = await PostAsync(ImportBatch, Body(account, Items(one.DeepClone().AsObject()), ("resource_id", 999999)));

        Assert.Multiple(() =>
        {
            Assert.That(noData.ToString(), Does.StartWith("400 ").And.Contain("'data' is required"));
            Assert.That(emptyData.ToString(), Does.StartWith("400 ").And.Contain("'data' is empty"));
            Assert.That(badMatching.ToString(), Does.StartWith("400 ").And.Contain("'matching' must be one of"));
            Assert.That(badToken.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(noDatabase.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(noResource.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task Over_ten_thousand_items_or_ten_megabytes_is_413_and_writes_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var tooMany = Body(account, Items([.. Enumerable.Range(0, 10_001).Select(i => new JsonObject { ["email"] = $"m{i}@example.com" })]));
        var huge = new StringBuilder().Append("{\"token\":\"").Append(account.Token).Append("\",\"db_id\":").Append(account.DatabaseId)
            .Append(",\"data\":[{\"email\":\"big@example.com\",\"_fname\":\"").Append('x', 11 * 1024 * 1024).Append("\"}]}").ToString();

        var manyAnswer = await PostAsync(ImportBatch, tooMany);
        var hugeAnswer = await PostAsync(ImportBatch, huge);

        Assert.That(manyAnswer.ToString(), Does.StartWith("413 ").And.Contain("10000 items"));
        Assert.That(hugeAnswer.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task A_batch_of_ten_thousand_items_is_imported_whole()
    {
        var account = await TestData.CreateAccountAsync();
        var items = Items([.. Enumerable.Range(0, 10_000).Select(i => new JsonObject { ["email"] = $"bulk{i}@example.com", ["_fname"] = "Bulk" })]);

        var answer = await PostAsync(ImportBatch, Body(account, items));

        Assert.That(Codes(answer), Has.Length.EqualTo(10_000).And.All.EqualTo(0));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(10_000));
    }
}
