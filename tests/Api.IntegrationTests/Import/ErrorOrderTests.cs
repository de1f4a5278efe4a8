using System.Net;
using System.Text.RegularExpressions;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>
/// docs/api.md §1 "Order of checks": 403 token → 400 request shape → 404 database → 400 fields and values
/// → 404 resource, trigger, scenario → 400 inactive trigger/scenario or no usable channel → … →
/// 409 ambiguous match → 435 uniqueness. Each refusal writes nothing.
/// </summary>
public sealed class ErrorOrderTests
{
    private const string BadRequest = "Bad request, please verify request parameters";
    private const string InvalidApiKey = "Invalid API key";
    private const string NotFound = "No database or subscription resource found";
    private const string Ambiguous = "More than one profiles matches, inaccurate matching";

    private const string Missing = "2147483647";

    public enum TokenProblem
    {
        Missing,
        Empty,
        Unknown,
        Revoked,
    }

    // ---- 403 token first ----

    [TestCase(TokenProblem.Missing)]
    [TestCase(TokenProblem.Empty)]
    [TestCase(TokenProblem.Unknown)]
    [TestCase(TokenProblem.Revoked)]
    public async Task A_bad_token_wins_over_a_bad_request_shape(TokenProblem problem)
    {
        var account = await TestData.CreateAccountAsync();
        var token = await BadTokenAsync(account, problem);

        var answer = await ImportApi.PostFormAsync(
            [.. token, ("db_id", "abc"), ("matching", "bogus"), ("email", "ann@example.com")]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(InvalidApiKey)));
        await AssertNothingWrittenAsync(account);
    }

    [TestCase(TokenProblem.Missing)]
    [TestCase(TokenProblem.Unknown)]
    [TestCase(TokenProblem.Revoked)]
    public async Task A_bad_token_wins_over_a_missing_database_and_bad_values(TokenProblem problem)
    {
        var account = await TestData.CreateAccountAsync();
        var token = await BadTokenAsync(account, problem);

        var answer = await ImportApi.PostFormAsync(
            [.. token, ("db_id", Missing), ("email", "not-an-email"), ("nickname", "x")]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(InvalidApiKey)));
        await AssertNothingWrittenAsync(account);
    }

    [Test]
    public async Task A_revoked_token_stops_working_while_another_token_of_the_account_still_works()
    {
        var account = await TestData.CreateAccountAsync();
        var revoked = await TestData.CreateTokenAsync(account.Id);
        await TestData.RevokeTokenAsync(revoked);

        var refused = await ImportApi.PostFormAsync(("token", revoked), ("db_id", Id(account.DatabaseId)), ("email", "ann@example.com"));
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Forbidden), refused.ToString());
        Assert.That(refused.Body, Does.Match(ErrorBody(InvalidApiKey)));
        await AssertNothingWrittenAsync(account);

        var accepted = await ImportApi.ImportAsync(account, ("email", "ann@example.com"));
        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.ToString());
        Assert.That(accepted.Body, Does.Match("^Successfully added [0-9a-f]{24}$"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    // ---- 400 request shape before 404 database ----

    [TestCase("db_id", null)]
    [TestCase("db_id", "abc")]
    [TestCase("db_id", "0")]
    [TestCase("db_id", "-5")]
    [TestCase("db_id", "1.5")]
    [TestCase("db_id", "99999999999")]
    public async Task A_missing_or_malformed_db_id_is_a_bad_request(string name, string? value)
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] dbId = value is null ? [] : [(name, value)];

        var answer = await ImportApi.PostFormAsync([("token", account.Token), .. dbId, ("email", "ann@example.com")]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain("db_id"));
        await AssertNothingWrittenAsync(account);
    }

    [TestCase("matching", "bogus")]
    [TestCase("profile_id", "not-an-id")]
    [TestCase("resource_id", "abc")]
    [TestCase("trigger_id", "-1")]
    [TestCase("workflow_id", "x")]
    public async Task A_bad_request_shape_wins_over_a_missing_database(string name, string value)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.PostFormAsync(
            ("token", account.Token), ("db_id", Missing), (name, value), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(name));
        await AssertNothingWrittenAsync(account);
    }

    // ---- 404 database before 400 field values ----

    [TestCase("_bdate", "not-a-date")]
    [TestCase("nickname", "unknown field")]
    [TestCase("email", "not-an-email")]
    [TestCase("_regdate", "2020-01-01T00:00:00Z")]
    public async Task A_missing_database_wins_over_bad_field_values(string name, string value)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.PostFormAsync([("token", account.Token), ("db_id", Missing), .. WithEmail(name, value)]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account);
    }

    [Test]
    public async Task Another_accounts_database_is_answered_exactly_as_a_missing_one()
    {
        var owner = await TestData.CreateAccountAsync();
        var account = await TestData.CreateAccountAsync();
        var foreign = Id(owner.DatabaseId);

        var missing = await ImportApi.PostFormAsync(
            ("token", account.Token), ("db_id", Missing), ("email", "ann@example.com"), ("_bdate", "not-a-date"));
        var answer = await ImportApi.PostFormAsync(
            ("token", account.Token), ("db_id", foreign), ("email", "ann@example.com"), ("_bdate", "not-a-date"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        Assert.That(answer.Body, Is.EqualTo(missing.Body.Replace(Missing, foreign, StringComparison.Ordinal)));
        Assert.That(answer.ContentType, Is.EqualTo(missing.ContentType));
        await AssertNothingWrittenAsync(owner);
        await AssertNothingWrittenAsync(account);
    }

    [Test]
    public async Task Another_accounts_database_stays_missing_even_for_a_valid_import()
    {
        var owner = await TestData.CreateAccountAsync();
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.PostFormAsync(
            ("token", account.Token), ("db_id", Id(owner.DatabaseId)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(owner);
    }

    // ---- 400 field values before 404 resource, trigger, scenario ----

    [TestCase("resource_id", "_bdate", "2024-13-01")]
    [TestCase("trigger_id", "_bdate", "2024-13-01")]
    [TestCase("workflow_id", "_bdate", "2024-13-01")]
    [TestCase("resource_id", "nickname", "x")]
    [TestCase("trigger_id", "email", "not-an-email")]
    [TestCase("workflow_id", "phone", "12")]
    public async Task A_bad_field_value_wins_over_a_missing_resource_trigger_or_scenario(string missingObject, string name, string value)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, [(missingObject, Missing), .. WithEmail(name, value)]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(name));
        await AssertNothingWrittenAsync(account);
    }

    // ---- 404 resource, trigger, scenario before 400 inactive / no channel ----

    [Test]
    public async Task An_unknown_resource_wins_over_an_inactive_trigger()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, ("resource_id", Missing), ("trigger_id", Id(trigger)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account, trigger);
    }

    [Test]
    public async Task A_resource_of_another_database_of_the_account_is_answered_as_missing()
    {
        var account = await TestData.CreateAccountAsync();
        var otherDatabase = await TestData.CreateDatabaseAsync(account.Id);
        var elsewhere = Id(await TestData.CreateResourceAsync(otherDatabase));
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId, active: false);

        var missing = await ImportApi.ImportAsync(
            account, ("resource_id", Missing), ("trigger_id", Id(trigger)), ("email", "ann@example.com"));
        var answer = await ImportApi.ImportAsync(
            account, ("resource_id", elsewhere), ("trigger_id", Id(trigger)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        Assert.That(answer.Body, Is.EqualTo(missing.Body.Replace(Missing, elsewhere, StringComparison.Ordinal)));
        await AssertNothingWrittenAsync(account, trigger);
        Assert.That(await TestData.CountProfilesAsync(otherDatabase), Is.Zero);
    }

    [TestCase(AutomationKind.Trigger)]
    [TestCase(AutomationKind.Workflow)]
    public async Task An_automation_of_another_database_of_the_account_is_answered_as_missing(AutomationKind kind)
    {
        var account = await TestData.CreateAccountAsync();
        var otherDatabase = await TestData.CreateDatabaseAsync(account.Id);
        var elsewhere = await TestData.CreateAutomationAsync(kind, account.Id, otherDatabase);
        var inactive = await TestData.CreateAutomationAsync(Other(kind), account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, (Parameter(kind), Id(elsewhere)), (Parameter(Other(kind)), Id(inactive)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account, elsewhere, inactive);
    }

    [TestCase(AutomationKind.Trigger)]
    [TestCase(AutomationKind.Workflow)]
    public async Task An_automation_of_another_account_is_answered_as_missing(AutomationKind kind)
    {
        var owner = await TestData.CreateAccountAsync();
        var foreign = await TestData.CreateAutomationAsync(kind, owner.Id, owner.DatabaseId);
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, (Parameter(kind), Id(foreign)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account, foreign);
    }

    [TestCase(AutomationKind.Trigger)]
    [TestCase(AutomationKind.Workflow)]
    public async Task An_unknown_automation_wins_over_an_inactive_one_of_the_other_kind(AutomationKind kind)
    {
        var account = await TestData.CreateAccountAsync();
        var inactive = await TestData.CreateAutomationAsync(Other(kind), account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, (Parameter(kind), Missing), (Parameter(Other(kind)), Id(inactive)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account, inactive);
    }

    [Test]
    public async Task An_unknown_resource_wins_over_an_inactive_workflow()
    {
        var account = await TestData.CreateAccountAsync();
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, ("resource_id", Missing), ("workflow_id", Id(workflow)), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotFound)));
        await AssertNothingWrittenAsync(account, workflow);
    }

    // ---- 400 inactive trigger / scenario, no usable channel ----

    [TestCase(AutomationKind.Trigger)]
    [TestCase(AutomationKind.Workflow)]
    public async Task An_inactive_automation_is_a_bad_request_and_nothing_is_written(AutomationKind kind)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = Id(await TestData.CreateResourceAsync(account.DatabaseId));
        var inactive = await TestData.CreateAutomationAsync(kind, account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, (Parameter(kind), Id(inactive)), ("resource_id", resource), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(Parameter(kind)));
        await AssertNothingWrittenAsync(account, inactive);
    }

    [TestCase(AutomationKind.Trigger)]
    [TestCase(AutomationKind.Workflow)]
    public async Task An_inactive_automation_refuses_an_update_too(AutomationKind kind)
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        var before = await TestData.FindProfileAsync(created.ProfileId);
        var inactive = await TestData.CreateAutomationAsync(kind, account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, (Parameter(kind), Id(inactive)), ("email", "ann@example.com"), ("_fname", "Changed"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(Parameter(kind)));
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.FieldsJson, Is.EqualTo(before!.FieldsJson));
        Assert.That(await TestData.AutomationRunsAsync(inactive), Is.Empty);
    }

    [TestCase(Channel.Sms, "email", "ann@example.com")]
    [TestCase(Channel.Email, "phone", "+79123456789")]
    public async Task A_resource_without_any_of_the_requests_channels_is_a_bad_request(Channel only, string contact, string value)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = Id(await TestData.CreateResourceAsync(account.DatabaseId, false, only));
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] matching = contact == "phone" ? [("matching", "phone")] : [];

        var answer = await ImportApi.ImportAsync(
            account, [.. matching, (contact, value), ("resource_id", resource), ("trigger_id", Id(trigger)), ("_fname", "Ann")]);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain("resource_id"));
        await AssertNothingWrittenAsync(account, trigger);
    }

    [Test]
    public async Task An_inactive_trigger_wins_over_an_ambiguous_match()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("phone", "+79123456789"));
        var bob = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("phone", "+79123456789"));
        Assert.That(new[] { ann.Status, bob.Status }, Is.All.EqualTo(HttpStatusCode.OK));
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId, active: false);

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "phone"), ("phone", "+79123456789"), ("trigger_id", Id(trigger)), ("_fname", "Who"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain("trigger_id"));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
        Assert.That((await TestData.FindProfileAsync(ann.ProfileId))!.Fields.ContainsKey("_fname"), Is.False);
        Assert.That((await TestData.FindProfileAsync(bob.ProfileId))!.Fields.ContainsKey("_fname"), Is.False);
    }

    [Test]
    public async Task An_ambiguous_match_wins_over_a_uniqueness_conflict()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("phone", "+79123456789"));
        var bob = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("phone", "+79123456789"));
        var carol = await ImportApi.ImportAsync(account, ("email", "carol@example.com"));
        Assert.That(new[] { ann.Status, bob.Status, carol.Status }, Is.All.EqualTo(HttpStatusCode.OK));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "phone"), ("phone", "+79123456789"), ("email", "carol@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Conflict), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(Ambiguous)));
        Assert.That((await TestData.FindProfileAsync(ann.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
        Assert.That((await TestData.FindProfileAsync(bob.ProfileId))!.Email, Is.EqualTo("bob@example.com"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(3));
    }

    // ---- helpers ----

    private static string ErrorBody(string text) => $"^{Regex.Escape(text)}(: .+)?$";

    /// <summary>The parameter under test, plus an email to match on unless the parameter is the email itself.</summary>
    private static (string, string)[] WithEmail(string name, string value) =>
        name == "email" ? [(name, value)] : [("email", "ann@example.com"), (name, value)];

    private static string Parameter(AutomationKind kind) => kind == AutomationKind.Trigger ? "trigger_id" : "workflow_id";

    private static AutomationKind Other(AutomationKind kind) =>
        kind == AutomationKind.Trigger ? AutomationKind.Workflow : AutomationKind.Trigger;

    private static async Task<(string, string)[]> BadTokenAsync(TestAccount account, TokenProblem problem)
    {
        switch (problem)
        {
            case TokenProblem.Missing:
                return [];
            case TokenProblem.Empty:
                return [("token", string.Empty)];
            case TokenProblem.Unknown:
                return [("token", account.Token + "x")];
            default:
                var revoked = await TestData.CreateTokenAsync(account.Id);
                await TestData.RevokeTokenAsync(revoked);
                return [("token", revoked)];
        }
    }

    private static async Task AssertNothingWrittenAsync(TestAccount account, params int[] automations)
    {
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero, "profiles");
        Assert.That(await TestData.CountRowsAsync("subscriptions", account.DatabaseId), Is.Zero, "subscriptions");
        foreach (var automation in automations)
        {
            Assert.That(await TestData.AutomationRunsAsync(automation), Is.Empty, $"runs of automation {automation}");
        }
    }
}
