using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>
/// Request deduplication through real HTTP, on two API instances that share only the run's PostgreSQL:
/// a repeat within the window is answered from the first request's outcome (<c>Duplicate-Request</c>,
/// <c>Duplicate-Key</c>) without running again; identical requests sent at once run once; a 5xx is not
/// kept; expired keys are purged.
/// </summary>
public sealed class DeduplicationTests : TwoInstances
{
    private const string Added = "200 Successfully added ";

    [Test]
    public async Task An_identical_form_import_sent_twice_runs_once_and_the_repeat_gets_the_first_answer()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("_fname", "Ann"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        var original = await first.ImportAsync(account, parameters);
        var repeat = await second.ImportAsync(account, parameters);

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(original.IsReplay, Is.False, original.ToString());
        Assert.That(original.Header("Duplicate-Key"), Is.Null, original.ToString());
        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(repeat.Header("Duplicate-Request"), Is.EqualTo("true"), repeat.ToString());
        Assert.That(repeat.Header("Duplicate-Key"), Is.EqualTo(key), repeat.ToString());
        Assert.That(key, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId }), "one trigger launch, not two");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task The_outcome_is_kept_for_24_hours_by_default()
    {
        var account = await TestData.CreateAccountAsync();
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, ("email", "ann@example.com")));

        var original = await first.ImportAsync(account, ("email", "ann@example.com"));

        var row = await DeduplicationTable.FindFinishedAsync(key);
        Assert.That(row, Is.Not.Null, original.ToString());
        Assert.That(row!.Status, Is.EqualTo(200));
        Assert.That(row.ProfileId, Is.EqualTo(original.ProfileId), "the outcome, not the answer's text");
        Assert.That(row.ExpiresIn, Is.InRange(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)));
    }

    [Test]
    public async Task An_imports_answer_is_stored_with_its_key_by_the_imports_own_commit([Values] bool json)
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] parameters = [("email", "ann@example.com")];
        var message = ApiInstance.Import(account, parameters);
        if (json)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        var key = await DeduplicationTable.KeyOfAsync(message);
        var original = await first.SendAsync(message);

        // Read at once, not waited for: the row was complete when the answer left.
        var row = await DeduplicationTable.FindAsync(key);
        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.OK), original.ToString());
        Assert.That(original.ContentType, Does.StartWith(json ? "application/json" : "text/plain"));
        Assert.That(row?.Status, Is.EqualTo(200), original.ToString());
        Assert.That(row!.ProfileId, Is.Not.Null.And.Length.EqualTo(24));
        Assert.That(original.Body, Does.Contain(row.ProfileId!));
        Assert.That(
            await DeduplicationTable.WrittenWithTheProfileOfAsync(key, account.DatabaseId),
            Is.True,
            "one transaction wrote the profile and the key's answer: no second version of the row");
    }

    [Test]
    public async Task An_identical_json_import_is_replayed_as_json()
    {
        var account = await TestData.CreateAccountAsync();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, ImportApi.Path)
            {
                Content = ImportApi.Json($$"""{"token": "{{account.Token}}", "db_id": {{account.DatabaseId}}, "email": "ann@example.com"}"""),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }

        var original = await first.SendAsync(Request());
        var repeat = await second.SendAsync(Request());

        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.OK), original.ToString());
        Assert.That(original.ContentType, Does.StartWith("application/json"));
        Assert.That(original.IsReplay, Is.False, original.ToString());
        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_changed_request_id_parameter_runs_again()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] Parameters(string requestId) =>
            [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger)), ("request_id", requestId)];

        var original = await first.ImportAsync(account, Parameters("order-1"));
        var changed = await second.ImportAsync(account, Parameters("order-2"));
        var repeatOfChanged = await first.ImportAsync(account, Parameters("order-2"));

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(changed.ToString(), Is.EqualTo(original.ToString()), "the same profile, updated");
        Assert.That(changed.IsReplay, Is.False, changed.ToString());
        Assert.That(repeatOfChanged.IsReplay, Is.True, repeatOfChanged.ToString());
        Assert.That(
            await TestData.AutomationRunsAsync(trigger),
            Is.EqualTo(new[] { original.ProfileId, original.ProfileId }),
            "the changed request ran; its repeat did not");
    }

    [TestCase("?request_id=1", "?request_id=2", TestName = "The query string is part of the key")]
    [TestCase("", "/", TestName = "The path is part of the key")]
    public async Task Requests_that_differ_only_in_a_part_of_the_key_both_run(string firstSuffix, string secondSuffix)
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] form =
            [("token", account.Token), ("db_id", ApiInstance.Id(account.DatabaseId)), ("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];

        var one = await first.SendAsync(ApiInstance.Post(ImportApi.Path + firstSuffix, form));
        var other = await first.SendAsync(ApiInstance.Post(ImportApi.Path + secondSuffix, form));

        Assert.That(one.ToString(), Does.StartWith(Added));
        Assert.That(other.ToString(), Is.EqualTo(one.ToString()));
        Assert.That(other.IsReplay, Is.False, other.ToString());
        Assert.That(await TestData.AutomationRunsAsync(trigger), Has.Count.EqualTo(2));
    }

    [TestCase("Request-ID", "Request-ID")]
    [TestCase("X-Request-ID", "X-Request-ID")]
    [TestCase("Request-ID", "X-Request-ID")]
    public async Task The_same_request_id_header_and_token_with_another_body_is_replayed(string firstHeader, string repeatHeader)
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var requestId = Guid.NewGuid().ToString();
        var originalRequest = ApiInstance.Import(account, ("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))).WithHeader(firstHeader, requestId);
        var key = await DeduplicationTable.KeyOfAsync(originalRequest);

        var original = await first.SendAsync(originalRequest);
        var repeat = await second.SendAsync(
            ApiInstance.Import(account, ("email", "bob@example.com"), ("_fname", "Bob"), ("trigger_id", ApiInstance.Id(trigger))).WithHeader(repeatHeader, requestId));

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(original.IsReplay, Is.False, original.ToString());
        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(repeat.Header("Duplicate-Key"), Is.EqualTo(key), "a SHA-256 of the token and the Request-ID");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), "bob was not imported");
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId }));
    }

    [Test]
    public async Task The_same_request_id_header_with_another_token_runs()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var otherToken = account with { Token = await TestData.CreateTokenAsync(account.Id) };
        var stranger = await TestData.CreateAccountAsync();
        var requestId = Guid.NewGuid().ToString();

        var original = await first.SendAsync(
            ApiInstance.Import(account, ("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))).WithHeader("Request-ID", requestId));
        var sameAccount = await second.SendAsync(
            ApiInstance.Import(otherToken, ("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))).WithHeader("Request-ID", requestId));
        var otherAccount = await second.SendAsync(
            ApiInstance.Import(stranger, ("email", "ann@example.com")).WithHeader("Request-ID", requestId));

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(sameAccount.IsReplay, Is.False, sameAccount.ToString());
        Assert.That(sameAccount.ToString(), Is.EqualTo(original.ToString()));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId, original.ProfileId }));
        Assert.That(otherAccount.IsReplay, Is.False, otherAccount.ToString());
        Assert.That(otherAccount.ToString(), Does.StartWith(Added));
        Assert.That(otherAccount.ProfileId, Is.Not.EqualTo(original.ProfileId));
        Assert.That(await TestData.CountProfilesAsync(stranger.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_4xx_answer_is_replayed_too_even_once_the_request_would_succeed()
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] parameters = [("email", "ann@example.com"), ("shoe_size", "42")];

        var original = await first.ImportAsync(account, parameters);
        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.BadRequest), original.ToString());
        await TestData.AddFieldAsync(account.DatabaseId, "shoe_size", FieldType.String);
        var repeat = await second.ImportAsync(account, parameters);
        var changed = await second.ImportAsync(account, [.. parameters, ("request_id", "after-the-field")]);

        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(changed.ToString(), Does.StartWith(Added), "the changed request runs, and now succeeds");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task With_deduplication_off_every_repeat_runs()
    {
        await using var off = ApiInstance.With(("QuickImport:Deduplication:Enabled", "false"));
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        var original = await off.ImportAsync(account, parameters);
        var repeat = await off.ImportAsync(account, parameters);

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(repeat.ToString(), Is.EqualTo(original.ToString()));
        Assert.That(repeat.IsReplay, Is.False, repeat.ToString());
        Assert.That(repeat.Header("Duplicate-Key"), Is.Null, repeat.ToString());
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId, original.ProfileId }));
        Assert.That(await DeduplicationTable.FindAsync(key), Is.Null, "nothing is stored");
    }

    [Test]
    public async Task After_the_window_a_repeat_runs_again()
    {
        await using var brief = ApiInstance.WithDeduplication(("Window", "00:00:01"));
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];

        var original = await brief.ImportAsync(account, parameters);
        var withinWindow = await brief.ImportAsync(account, parameters);
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        var afterWindow = await brief.ImportAsync(account, parameters);

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(withinWindow.IsReplay, Is.True, withinWindow.ToString());
        Assert.That(afterWindow.IsReplay, Is.False, afterWindow.ToString());
        Assert.That(afterWindow.ToString(), Is.EqualTo(original.ToString()));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId, original.ProfileId }));
    }

    [Test]
    public async Task The_outcomes_of_many_requests_answered_at_once_are_all_stored()
    {
        var account = await TestData.CreateAccountAsync();
        var emails = Enumerable.Range(0, 40).Select(i => $"many-{i}@example.com").ToList();
        var keys = await Task.WhenAll(emails.Select(e => DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, ("email", e)))));

        // Answered together, their outcomes are queued together and stored in one statement or a few.
        var answers = await Task.WhenAll(emails.Select((e, i) => (i % 2 == 0 ? first : second).ImportAsync(account, ("email", e))));

        for (var i = 0; i < emails.Count; i++)
        {
            var row = await DeduplicationTable.FindFinishedAsync(keys[i]);
            Assert.That(row?.Status, Is.EqualTo(200), emails[i]);
            Assert.That(row!.ProfileId, Is.EqualTo(answers[i].ProfileId), emails[i]);
        }

        var repeat = await second.ImportAsync(account, ("email", emails[0]));
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(repeat.Body, Is.EqualTo(answers[0].Body));
    }

    [Test]
    public async Task Identical_requests_sent_at_once_run_once_and_all_get_its_answer([Values(2, 10)] int count)
    {
        for (var round = 0; round < 3; round++)
        {
            var account = await TestData.CreateAccountAsync();
            var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
            (string, string)[] parameters = [("email", "crowd@example.com"), ("trigger_id", ApiInstance.Id(trigger))];

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sends = Enumerable.Range(0, count)
                .Select(async i =>
                {
                    await start.Task;
                    return await (i % 2 == 0 ? first : second).ImportAsync(account, parameters);
                })
                .ToList();
            start.SetResult();
            var answers = await Task.WhenAll(sends);

            var all = string.Join(Environment.NewLine, answers.Select(a => a.ToString()));
            Assert.That(answers.Select(a => a.Outcome).Distinct().Count(), Is.EqualTo(1), $"round {round}: {all}");
            Assert.That(answers[0].ToString(), Does.StartWith(Added), $"round {round}: {all}");
            Assert.That(answers.Count(a => !a.IsReplay), Is.EqualTo(1), $"round {round}: {all}");
            Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { answers[0].ProfileId }), $"round {round}");
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task A_repeat_waits_for_its_running_twin_and_replays_its_outcome()
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] parameters = [("email", "ann@example.com")];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));
        await DeduplicationTable.InsertRunningAsync(key, TimeSpan.FromMinutes(1));

        var repeat = first.ImportAsync(account, parameters);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That(repeat.IsCompleted, Is.False, "the repeat waits while its twin runs");
        await DeduplicationTable.CompleteAsync(key, "0123456789abcdef01234567");
        var answer = await repeat;

        Assert.That(answer.Outcome, Is.EqualTo("200 text/plain; charset=utf-8 Successfully added 0123456789abcdef01234567"));
        Assert.That(answer.IsReplay, Is.True, answer.ToString());
        Assert.That(answer.Header("Duplicate-Key"), Is.EqualTo(key));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "what the repeat ran rolled back");
    }

    [Test]
    public async Task The_key_is_claimed_inside_the_imports_transaction_and_a_repeat_sent_meanwhile_waits_for_its_commit()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        // The import's transaction stays open for a while, for this test's trigger only.
        InstanceAnswer original, repeat;
        DeduplicationRow? seenWhileRunning;
        await HookLaunchesOfAsync(trigger, "PERFORM pg_sleep(1.5); RETURN NEW;");
        try
        {
            var running = first.ImportAsync(account, parameters);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            seenWhileRunning = await DeduplicationTable.FindAsync(key);
            var repeating = second.ImportAsync(account, parameters);
            original = await running;
            repeat = await repeating;
        }
        finally
        {
            await UnhookLaunchesOfAsync(trigger);
        }

        Assert.That(seenWhileRunning, Is.Null, "the claim commits with the import, not before it");
        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(original.IsReplay, Is.False, original.ToString());
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { original.ProfileId }), "one launch: the repeat's run rolled back");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That((await DeduplicationTable.FindFinishedAsync(key))?.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Requests_with_one_request_id_and_token_but_other_bodies_sent_at_once_import_once()
    {
        // Other bodies, other emails: no identity lock orders them, only the key's row at the COMMIT.
        var account = await TestData.CreateAccountAsync();
        var sends = Enumerable.Range(0, 6).Select(i =>
        {
            var message = ApiInstance.Import(account, ("email", $"twin{i}@example.com"));
            message.Headers.Add("Request-ID", "one-request-id");
            return (i % 2 == 0 ? first : second).SendAsync(message);
        });

        var answers = await Task.WhenAll(sends);

        var original = answers.Where(a => !a.IsReplay).ToList();
        Assert.That(original, Has.Count.EqualTo(1), string.Join(", ", answers.Select(a => a.ToString())));
        Assert.That(original[0].ToString(), Does.StartWith(Added));
        Assert.That(answers.Select(a => a.Outcome), Is.All.EqualTo(original[0].Outcome));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), "the others' runs rolled back");
    }

    [Test]
    public async Task An_import_whose_key_an_identical_requests_answer_took_while_it_ran_is_rolled_back_at_its_commit_and_replays_that_answer()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        // The import's COMMIT round trip is slow for this test's trigger only (its launch row goes
        // with the COMMIT, before the key's row); meanwhile the key gets an answer of its own.
        InstanceAnswer answer;
        await HookLaunchesOfAsync(trigger, "PERFORM pg_sleep(1.5); RETURN NEW;");
        try
        {
            var running = first.ImportAsync(account, parameters);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await DeduplicationTable.InsertRefusalAsync(key, 400, "Bad request, please verify request parameters", TimeSpan.FromHours(1));
            answer = await running;
        }
        finally
        {
            await UnhookLaunchesOfAsync(trigger);
            await DeduplicationTable.DeleteAsync(key);
        }

        Assert.That(answer.Outcome, Is.EqualTo("400 text/plain; charset=utf-8 Bad request, please verify request parameters"));
        Assert.That(answer.IsReplay, Is.True, answer.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "the import rolled back at its COMMIT");
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
    }

    [Test]
    public async Task An_import_refused_inside_its_transaction_is_kept_and_its_repeat_replayed_even_once_it_would_succeed()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 0);
        (string, string)[] parameters = [("email", "ann@example.com")];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        var original = await first.ImportAsync(account, parameters);
        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.PaymentRequired), original.ToString());
        Assert.That((await DeduplicationTable.FindFinishedAsync(key))?.Status, Is.EqualTo(402), "the refusal is kept though its transaction rolled back");
        await TestData.SetProfileLimitAsync(account.Id, null);
        var repeat = await second.ImportAsync(account, parameters);

        Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "the repeat's run, which would have added the profile, rolled back");
    }

    [Test]
    public async Task A_repeat_of_a_request_still_running_after_the_wait_timeout_is_503_and_does_not_run()
    {
        await using var impatient = ApiInstance.WithDeduplication(("WaitTimeout", "00:00:01"));
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));
        await DeduplicationTable.InsertRunningAsync(key, TimeSpan.FromMinutes(5));
        try
        {
            var clock = Stopwatch.StartNew();
            var answer = await impatient.ImportAsync(account, parameters);
            clock.Stop();

            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.Body, Does.StartWith("Duplicate request is still being processed"));
            Assert.That(answer.Header("Retry-After"), Is.Not.Null, answer.ToString());
            Assert.That(int.Parse(answer.Header("Retry-After")!, CultureInfo.InvariantCulture), Is.Positive);
            Assert.That(answer.IsReplay, Is.False, answer.ToString());
            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5)), "the wait is bounded by WaitTimeout");
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "nothing ran");
            Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
            Assert.That((await DeduplicationTable.FindAsync(key))?.Status, Is.Null, "the running twin still holds its key");
            Assert.That(await DeduplicationTable.FindAsync(key), Is.Not.Null);
        }
        finally
        {
            await DeduplicationTable.DeleteAsync(key);
        }
    }

    [Test]
    public async Task A_key_whose_holder_died_is_taken_over_once_its_lease_ran_out()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));
        await DeduplicationTable.InsertRunningAsync(key, TimeSpan.FromMinutes(-1));

        var answer = await first.ImportAsync(account, parameters);

        Assert.That(answer.ToString(), Does.StartWith(Added));
        Assert.That(answer.IsReplay, Is.False, answer.ToString());
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { answer.ProfileId }));
        Assert.That((await DeduplicationTable.FindFinishedAsync(key))?.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_server_error_is_not_kept_so_the_retry_runs()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        // A real database failure in the import's transaction, for this test's trigger only.
        InstanceAnswer failed;
        await HookLaunchesOfAsync(trigger, "RAISE EXCEPTION 'simulated database failure';");
        try
        {
            failed = await first.ImportAsync(account, parameters);
        }
        finally
        {
            await UnhookLaunchesOfAsync(trigger);
        }

        Assert.That(failed.ToString(), Does.StartWith("500 Internal server error"));
        Assert.That(failed.IsReplay, Is.False, failed.ToString());
        Assert.That(await DeduplicationTable.FindAsync(key), Is.Null, "a 5xx is not stored");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "the failed import wrote nothing");

        var retry = await second.ImportAsync(account, parameters);
        var repeatOfRetry = await first.ImportAsync(account, parameters);

        Assert.That(retry.ToString(), Does.StartWith(Added));
        Assert.That(retry.IsReplay, Is.False, retry.ToString());
        Assert.That(repeatOfRetry.IsReplay, Is.True, repeatOfRetry.ToString());
        Assert.That(repeatOfRetry.Outcome, Is.EqualTo(retry.Outcome));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { retry.ProfileId }));
    }

    [Test]
    public async Task A_request_its_client_gave_up_on_is_not_kept_as_its_outcome_so_the_retry_gets_the_import_done_once()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] parameters = [("email", "ann@example.com"), ("trigger_id", ApiInstance.Id(trigger))];
        var key = await DeduplicationTable.KeyOfAsync(ApiInstance.Import(account, parameters));

        // The import's transaction is slow for this test's trigger only; the client times out first.
        DeduplicationRow? left;
        await HookLaunchesOfAsync(trigger, "PERFORM pg_sleep(3); RETURN NEW;");
        try
        {
            using var clientTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            Assert.That(
                async () => await first.SendAsync(ApiInstance.Import(account, parameters), clientTimeout.Token),
                Throws.InstanceOf<OperationCanceledException>());
            left = await DeduplicationTable.FindFinishedAsync(key, within: TimeSpan.FromSeconds(10));
        }
        finally
        {
            await UnhookLaunchesOfAsync(trigger);
        }

        var retry = await second.ImportAsync(account, parameters);

        var kept = left is null ? "nothing kept" : $"kept {left.Status} '{left.ProfileId}'";
        Assert.That(retry.ToString(), Does.StartWith(Added), $"abandoned request: {kept}");
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { retry.ProfileId }), $"abandoned request: {kept}");
    }

    [Test]
    public async Task A_repeat_without_the_bearer_token_is_refused_not_answered_from_the_tokens_request()
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] form = [("db_id", ApiInstance.Id(account.DatabaseId)), ("email", "ann@example.com")];

        var original = await first.SendAsync(ApiInstance.Post(ImportApi.Path, form).WithBearer(account.Token));
        var anonymous = await second.SendAsync(ApiInstance.Post(ImportApi.Path, form));

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(anonymous.IsReplay, Is.False, anonymous.ToString());
        Assert.That(anonymous.Status, Is.EqualTo(HttpStatusCode.Forbidden), anonymous.ToString());
    }

    [Test]
    public async Task A_repeat_with_another_accounts_bearer_token_is_not_answered_with_this_accounts_profile()
    {
        var account = await TestData.CreateAccountAsync();
        var stranger = await TestData.CreateAccountAsync();
        (string, string)[] form = [("db_id", ApiInstance.Id(account.DatabaseId)), ("email", "ann@example.com")];

        var original = await first.SendAsync(ApiInstance.Post(ImportApi.Path, form).WithBearer(account.Token));
        var foreign = await second.SendAsync(ApiInstance.Post(ImportApi.Path, form).WithBearer(stranger.Token));

        Assert.That(original.ToString(), Does.StartWith(Added));
        Assert.That(foreign.IsReplay, Is.False, foreign.ToString());
        Assert.That(foreign.Status, Is.EqualTo(HttpStatusCode.NotFound), "another account's database is answered as a missing one");
    }

    [Test]
    public async Task Requests_without_a_valid_token_store_no_key_and_their_repeats_are_refused_again()
    {
        var account = await TestData.CreateAccountAsync();
        var revoked = account with { Token = await TestData.CreateTokenAsync(account.Id) };
        await TestData.RevokeTokenAsync(revoked.Token);
        var padding = ("pad", new string('x', 60_000));
        var db = ApiInstance.Id(account.DatabaseId);
        Func<HttpRequestMessage>[] unauthenticated =
        [
            () => ApiInstance.Post(ImportApi.Path, [("db_id", db), ("email", "ann@example.com"), padding]),
            () => ApiInstance.Post(ImportApi.Path, [("token", "no-such-token"), ("db_id", db), ("email", "ann@example.com"), padding]),
            () => ApiInstance.Post(ImportApi.Path, [("db_id", db), ("email", "ann@example.com")]).WithBearer("no-such-token").WithHeader("Request-ID", "r-1"),
            () => ApiInstance.Import(revoked, ("email", "ann@example.com"), padding),
            () => ApiInstance.Import(revoked, ("email", "ann@example.com")).WithHeader("Request-ID", "r-2"),
        ];

        foreach (var request in unauthenticated)
        {
            var key = await DeduplicationTable.KeyOfAsync(request());
            var answer = await first.SendAsync(request());
            var repeat = await second.SendAsync(request());

            Assert.That(answer.ToString(), Does.StartWith("403 Invalid API key"));
            Assert.That(repeat.ToString(), Does.StartWith("403 Invalid API key"));
            Assert.That(repeat.IsReplay, Is.False, repeat.ToString());
            Assert.That(await DeduplicationTable.FindAsync(key), Is.Null, $"{answer}: an unauthenticated request stores nothing");
        }

        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase(false, TestName = "A revoked token's repeat of the same request is refused, not replayed")]
    [TestCase(true, TestName = "A revoked token's request with the same Request-ID and another body is refused, not replayed")]
    public async Task A_revoked_tokens_repeat_is_refused_not_replayed(bool otherBody)
    {
        var account = await TestData.CreateAccountAsync();
        var requestId = Guid.NewGuid().ToString();
        var original = await first.SendAsync(ApiInstance.Import(account, ("email", "ann@example.com")).WithHeader("Request-ID", requestId));
        Assert.That(original.ToString(), Does.StartWith(Added));

        await TestData.RevokeTokenAsync(account.Token);
        await UntilRefusedAsync(second, account);
        var repeat = await second.SendAsync(
            ApiInstance.Import(account, ("email", otherBody ? "bob@example.com" : "ann@example.com")).WithHeader("Request-ID", requestId));

        Assert.That(repeat.ToString(), Does.StartWith("403 Invalid API key"));
        Assert.That(repeat.IsReplay, Is.False, repeat.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_replay_is_rendered_in_the_format_the_repeat_asks_for([Values] bool firstAsJson)
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 0);
        HttpRequestMessage Request(bool json)
        {
            var message = ApiInstance.Import(account, ("email", "ann@example.com"));
            if (json)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }

            return message;
        }

        var original = await first.SendAsync(Request(firstAsJson));
        var repeat = await second.SendAsync(Request(!firstAsJson));

        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.PaymentRequired), original.ToString());
        Assert.That(repeat.IsReplay, Is.True, repeat.ToString());
        Assert.That(repeat.Status, Is.EqualTo(original.Status));
        Assert.That(repeat.ContentType, Does.StartWith(firstAsJson ? "text/plain" : "application/json"), repeat.ToString());
        var (text, json) = firstAsJson ? (repeat, original) : (original, repeat);
        Assert.That(text.Body, Does.StartWith("Tariff account limit reached"));
        Assert.That(json.Body, Does.Contain("\"error\":402"));
    }

    [Test]
    public async Task The_outcome_of_an_import_is_kept_in_a_fixed_size_row_without_the_text_of_its_answer()
    {
        var account = await TestData.CreateAccountAsync();
        var message = ApiInstance.Import(account, ("email", "ann@example.com"), ("_fname", new string('x', 500)));
        var key = await DeduplicationTable.KeyOfAsync(message);

        var original = await first.SendAsync(message);
        var row = await DeduplicationTable.FindFinishedAsync(key);
        var stored = (await TestData.QueryAsync(
            "SELECT pg_column_size(d.*), details IS NULL FROM request_deduplication d WHERE key = $1::uuid",
            r => (Bytes: r.GetInt32(0), NoDetails: r.GetBoolean(1)),
            key)).Single();

        Assert.That(row?.ProfileId, Is.EqualTo(original.ProfileId), original.ToString());
        Assert.That(stored.NoDetails, Is.True, "a single profile imported is its columns");
        Assert.That(stored.Bytes, Is.LessThanOrEqualTo(64), "key, claim time, status, profile id, created");
    }

    [Test]
    public async Task Slices_past_the_window_are_dropped_whole_slices_are_made_ahead_and_stragglers_deleted()
    {
        var slices = SlicesKeeper(new DeduplicationSettings { Window = TimeSpan.FromMinutes(1) }, TimeProvider.System);
        var past = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeSeconds());
        var expired = await CreateSliceAsync(past, past.AddHours(1));
        var inExpired = DeduplicationTable.RandomKey();
        var straggler = DeduplicationTable.RandomKey();
        await InsertClaimAsync(inExpired, past.AddMinutes(1));
        await InsertClaimAsync(straggler, past.AddDays(-1));

        var changes = await slices.MaintainAsync(CancellationToken.None);

        var tables = await SliceTablesAsync();
        Assert.That(changes.Dropped, Is.GreaterThanOrEqualTo(1));
        Assert.That(tables, Does.Not.Contain(expired));
        Assert.That(await CountAsync(inExpired), Is.Zero, "dropped with its slice");
        Assert.That(await CountAsync(straggler), Is.Zero, "deleted from the default partition once past the window");
        var now = DateTimeOffset.UtcNow;
        var covering = tables.Select(QuickImport.Infrastructure.Deduplication.TimeSlice.FromName).OfType<QuickImport.Infrastructure.Deduplication.TimeSlice>().ToList();
        Assert.That(covering.Any(s => s.From <= now && now < s.To), Is.True, string.Join(", ", tables));
        Assert.That(covering.Any(s => s.From <= now.AddMinutes(5) && now.AddMinutes(5) < s.To), Is.True, "made ahead: " + string.Join(", ", tables));
    }

    [Test]
    public async Task A_slice_whose_time_has_claims_in_the_default_partition_is_left_to_it_and_the_next_ones_are_made()
    {
        // Forty days ahead no slice exists yet: a claim of that time goes to the default partition,
        // as one does when no slice was made in time. The window is long, so nothing of today is dropped.
        var future = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(40), TimeSpan.Zero).AddHours(1);
        var settings = new DeduplicationSettings { Window = TimeSpan.FromDays(50) };
        var slices = SlicesKeeper(settings, new FixedClock(future));
        var straggler = DeduplicationTable.RandomKey();
        await InsertClaimAsync(straggler, future);

        var changes = await slices.MaintainAsync(CancellationToken.None);

        var covering = (await SliceTablesAsync()).Select(QuickImport.Infrastructure.Deduplication.TimeSlice.FromName).OfType<QuickImport.Infrastructure.Deduplication.TimeSlice>().ToList();
        Assert.That(changes.Made, Is.Positive, "the slices after it");
        Assert.That(covering.Any(s => s.From <= future && future < s.To), Is.False, "its own is left to the default partition");
        Assert.That(covering.Any(s => s.From >= future && s.From < future + settings.Slice + settings.Slice), Is.True, "the next one is made");
        Assert.That(await CountAsync(straggler), Is.EqualTo(1), "the claim stays, live");
    }

    [Test]
    public async Task Expired_slices_are_dropped_in_the_background()
    {
        var past = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-50).ToUnixTimeSeconds());
        var expired = await CreateSliceAsync(past, past.AddHours(1));

        await using var purging = ApiInstance.WithDeduplication(("PurgeInterval", "00:00:00.200"));
        var deadline = Stopwatch.StartNew();
        while ((await SliceTablesAsync()).Contains(expired) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.That(await SliceTablesAsync(), Does.Not.Contain(expired), "dropped within 10 s at a 200 ms interval");
    }

    /// <summary>The service's keeper of the slices, on the test database, with these settings and clock.</summary>
    private static QuickImport.Infrastructure.Deduplication.DeduplicationSlices SlicesKeeper(DeduplicationSettings settings, TimeProvider clock) =>
        new(
            Npgsql.NpgsqlDataSource.Create(TestEnvironment.ConnectionString),
            Microsoft.Extensions.Options.Options.Create(settings),
            clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<QuickImport.Infrastructure.Deduplication.DeduplicationSlices>.Instance);

    /// <summary>A slice from <paramref name="from"/> to <paramref name="to"/> (whole seconds), named as the service names it.</summary>
    private static async Task<string> CreateSliceAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var name = new QuickImport.Infrastructure.Deduplication.TimeSlice(from, to).Name;
        await TestData.QueryAsync(
            $"CREATE TABLE {name} PARTITION OF request_deduplication FOR VALUES FROM ('{from:O}') TO ('{to:O}')", _ => 0);
        return name;
    }

    private static async Task<List<string>> SliceTablesAsync() =>
        await TestData.QueryAsync(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'request_deduplication'::regclass",
            r => r.GetString(0));

    private static Task InsertClaimAsync(string key, DateTimeOffset claimedAt) =>
        TestData.QueryAsync(
            "INSERT INTO request_deduplication (key, claimed_at, status) VALUES ($1::uuid, $2, 200) RETURNING 0", r => r.GetInt32(0), key, claimedAt);

    private static async Task<long> CountAsync(string key) =>
        (await TestData.QueryAsync("SELECT count(*) FROM request_deduplication WHERE key = $1::uuid", r => r.GetInt64(0), key)).Single();

    /// <summary>Runs <paramref name="plpgsql"/> before each launch row of this trigger only, inside the import's transaction.</summary>
    private static Task HookLaunchesOfAsync(int trigger, string plpgsql) =>
        ExecuteAsync(
            $"CREATE FUNCTION launch_hook_{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {plpgsql} END $$",
            $"CREATE TRIGGER launch_hook_{trigger} BEFORE INSERT ON automation_runs FOR EACH ROW WHEN (NEW.automation_id = {trigger}) EXECUTE FUNCTION launch_hook_{trigger}()");

    private static Task UnhookLaunchesOfAsync(int trigger) =>
        ExecuteAsync(
            $"DROP TRIGGER IF EXISTS launch_hook_{trigger} ON automation_runs",
            $"DROP FUNCTION IF EXISTS launch_hook_{trigger}()");

    private static async Task ExecuteAsync(params string[] statements)
    {
        foreach (var statement in statements)
        {
            await TestData.QueryAsync(statement, _ => 0);
        }
    }

    /// <summary>Waits (bounded) until the instance has heard of the account's token's revocation: a read with it is 403.</summary>
    private static async Task UntilRefusedAsync(ApiInstance instance, TestAccount account)
    {
        var deadline = Stopwatch.StartNew();
        InstanceAnswer read;
        do
        {
            read = await instance.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{ReadApi.ProfilesApi.Path}?token={account.Token}&db_id={account.DatabaseId}&email=ann@example.com"));
        }
        while (read.Status != HttpStatusCode.Forbidden && deadline.Elapsed < TimeSpan.FromSeconds(5));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
