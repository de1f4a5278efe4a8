using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Triggers and scenarios": trigger_id and workflow_id write a pending outbox row with a successful import only.</summary>
public sealed class AutomationTests
{
    private const string NotFound = "404 No database or subscription resource found";

    [TestCase(AutomationKind.Trigger, "trigger_id")]
    [TestCase(AutomationKind.Workflow, "workflow_id")]
    public async Task Every_successful_import_writes_one_pending_row(AutomationKind kind, string parameter)
    {
        var account = await TestData.CreateAccountAsync();
        var automation = await TestData.CreateAutomationAsync(kind, account.Id, account.DatabaseId);

        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(automation)));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That(await TestData.AutomationRunsAsync(automation), Is.EqualTo(new[] { created.ProfileId }));

        var updated = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"), (parameter, Id(automation)));
        var other = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), (parameter, Id(automation)));

        Assert.That(updated.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK), other.ToString());
        Assert.That(
            await TestData.AutomationRunsAsync(automation),
            Is.EqualTo(new[] { created.ProfileId, created.ProfileId, other.ProfileId }));
    }

    [Test]
    public async Task A_trigger_and_a_scenario_together_get_one_row_each()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId);
        var unused = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("trigger_id", Id(trigger)), ("workflow_id", Id(workflow)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { answer.ProfileId }));
        Assert.That(await TestData.AutomationRunsAsync(workflow), Is.EqualTo(new[] { answer.ProfileId }));
        Assert.That(await TestData.AutomationRunsAsync(unused), Is.Empty);
    }

    [TestCase(AutomationKind.Trigger, "trigger_id", "trigger mailing")]
    [TestCase(AutomationKind.Workflow, "workflow_id", "scenario")]
    public async Task One_of_another_account_is_404_and_nothing_is_written(AutomationKind kind, string parameter, string what)
    {
        var account = await TestData.CreateAccountAsync();
        var stranger = await TestData.CreateAccountAsync();
        var automation = await TestData.CreateAutomationAsync(kind, stranger.Id, stranger.DatabaseId);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(automation)));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: {what} {automation} not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.AutomationRunsAsync(automation), Is.Empty);
    }

    [TestCase(AutomationKind.Trigger, "trigger_id", "trigger mailing")]
    [TestCase(AutomationKind.Workflow, "workflow_id", "scenario")]
    public async Task One_of_another_database_of_the_account_is_404_and_nothing_is_written(AutomationKind kind, string parameter, string what)
    {
        var account = await TestData.CreateAccountAsync();
        var otherDatabase = await TestData.CreateDatabaseAsync(account.Id);
        var automation = await TestData.CreateAutomationAsync(kind, account.Id, otherDatabase);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(automation)));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: {what} {automation} not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.AutomationRunsAsync(automation), Is.Empty);
    }

    [TestCase("trigger_id", "trigger mailing")]
    [TestCase("workflow_id", "scenario")]
    public async Task An_unknown_one_is_404_and_nothing_is_written(string parameter, string what)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, "2147483647"));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: {what} 2147483647 not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase(AutomationKind.Trigger, "trigger_id", "trigger")]
    [TestCase(AutomationKind.Workflow, "workflow_id", "workflow")]
    public async Task An_inactive_one_is_400_and_nothing_is_written(AutomationKind kind, string parameter, string what)
    {
        var account = await TestData.CreateAccountAsync();
        var automation = await TestData.CreateAutomationAsync(kind, account.Id, account.DatabaseId, active: false);
        var existing = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("_fname", "Bob"));
        Assert.That(existing.Status, Is.EqualTo(HttpStatusCode.OK), existing.ToString());

        var create = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(automation)));
        var update = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("_fname", "Robert"), (parameter, Id(automation)));

        var expected = $"400 Bad request, please verify request parameters: {parameter}: {what} {automation} is inactive";
        Assert.That(create.ToString(), Is.EqualTo(expected));
        Assert.That(update.ToString(), Is.EqualTo(expected));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), "no profile was created");
        Assert.That((await TestData.FindProfileAsync(existing.ProfileId))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Bob"));
        Assert.That(await TestData.AutomationRunsAsync(automation), Is.Empty);
    }

    [Test]
    public async Task A_uniqueness_conflict_writes_no_run()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));

        var answer = await ImportApi.ImportAsync(
            account,
            ("matching", "phone"),
            ("phone", "+79161234567"),
            ("email", "ann@example.com"),
            ("trigger_id", Id(trigger)),
            ("workflow_id", Id(workflow)));

        Assert.That(answer.ToString(), Is.EqualTo($"435 Unable to keep field unique: field 'email' already holds this value in profile {ann}"));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
        Assert.That(await TestData.AutomationRunsAsync(workflow), Is.Empty);
    }

    [Test]
    public async Task An_ambiguous_match_writes_no_run()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId);
        var byEmail = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var byPhone = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));

        var answer = await ImportApi.ImportAsync(
            account,
            ("matching", "email_phone"),
            ("email", "ann@example.com"),
            ("phone", "+79161234567"),
            ("trigger_id", Id(trigger)),
            ("workflow_id", Id(workflow)));

        var candidates = string.Join(", ", new[] { byEmail, byPhone }.Order(StringComparer.Ordinal));
        Assert.That(answer.ToString(), Is.EqualTo($"409 More than one profiles matches, inaccurate matching: 2 profiles match: {candidates}"));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
        Assert.That(await TestData.AutomationRunsAsync(workflow), Is.Empty);
    }

    [Test]
    public async Task A_create_refused_by_the_tariff_writes_no_run()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 1);
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var first = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("trigger_id", Id(trigger)));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());

        var refused = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("trigger_id", Id(trigger)));

        Assert.That(refused.ToString(), Is.EqualTo("402 Tariff account limit reached: the account holds its limit of 1 profiles"));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.EqualTo(new[] { first.ProfileId }));
    }
}
