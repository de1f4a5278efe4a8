using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>
/// docs/api.md §2: trigger mailings (<c>/triggers</c>, their launches) and scenarios (<c>/workflows</c>,
/// their enrollments): create, switch on and off, and list what imports wrote.
/// </summary>
[TestFixture(AutomationKind.Trigger, "trigger_id")]
[TestFixture(AutomationKind.Workflow, "workflow_id")]
public sealed class AutomationsTests(AutomationKind kind, string parameter)
{
    private string Collection => AdminApi.Collection(kind);

    private AutomationKind OtherKind => kind == AutomationKind.Trigger ? AutomationKind.Workflow : AutomationKind.Trigger;

    [Test]
    public async Task Create_answers_201_with_the_automation()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post,
            $"accounts/{account.Id}/{Collection}",
            new JsonObject { ["name"] = "welcome", ["database_id"] = account.DatabaseId, ["active"] = true });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var automation = answer.Object;
        Assert.That(automation["id"]!.GetValue<int>(), Is.Positive);
        Assert.That(automation["name"]!.GetValue<string>(), Is.EqualTo("welcome"));
        Assert.That(automation["database_id"]!.GetValue<int>(), Is.EqualTo(account.DatabaseId));
        Assert.That(automation["active"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_new_automation_works_for_imports_at_once_and_lists_a_pending_run()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await AdminApi.CreateAutomationAsync(kind, account.Id, account.DatabaseId);
        Assert.That(await AdminApi.RunsAsync(kind, id), Is.Empty);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var import = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(id)));

        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.OK), import.ToString());
        var answer = await AdminApi.SendAsync(HttpMethod.Get, AdminApi.RunsPath(kind, id));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var runs = answer.Array;
        Assert.That(runs, Has.Count.EqualTo(1), answer.ToString());
        var run = runs[0]!.AsObject();
        Assert.That(run.Select(m => m.Key), Is.EquivalentTo(new[] { "profile_id", "status", "created" }));
        Assert.That(run["profile_id"]!.GetValue<string>(), Is.EqualTo(import.ProfileId));
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        var created = DateTimeOffset.Parse(run["created"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.That(created, Is.InRange(before, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Test]
    public async Task Runs_list_one_row_per_import_in_order()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await AdminApi.CreateAutomationAsync(kind, account.Id, account.DatabaseId);

        var ann = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(id)));
        var bob = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), (parameter, Id(id)));
        var annAgain = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"), (parameter, Id(id)));
        var failed = await ImportApi.ImportAsync(account, ("email", "not-an-email"), (parameter, Id(id)));

        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.BadRequest), failed.ToString());
        var runs = await AdminApi.RunsAsync(kind, id);
        Assert.That(
            runs.Select(r => r!["profile_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { ann.ProfileId, bob.ProfileId, annAgain.ProfileId }));
        Assert.That(runs.Select(r => r!["status"]!.GetValue<string>()), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Patch_switches_the_automation_off_and_on()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await AdminApi.CreateAutomationAsync(kind, account.Id, account.DatabaseId, active: false);

        var inactive = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(id)));
        var on = await AdminApi.SendAsync(HttpMethod.Patch, $"{Collection}/{id}", new JsonObject { ["active"] = true });
        var active = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(id)));
        var off = await AdminApi.SendAsync(HttpMethod.Patch, $"{Collection}/{id}", new JsonObject { ["active"] = false });
        var inactiveAgain = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), (parameter, Id(id)));

        Assert.That(inactive.ToString(), Does.StartWith("400 Bad request, please verify request parameters"));
        Assert.That(on.Status, Is.EqualTo(HttpStatusCode.OK), on.ToString());
        Assert.That(on.Object["id"]!.GetValue<int>(), Is.EqualTo(id));
        Assert.That(on.Object["active"]!.GetValue<bool>(), Is.True);
        Assert.That(active.Status, Is.EqualTo(HttpStatusCode.OK), active.ToString());
        Assert.That(off.Status, Is.EqualTo(HttpStatusCode.OK), off.ToString());
        Assert.That(off.Object["active"]!.GetValue<bool>(), Is.False);
        Assert.That(inactiveAgain.ToString(), Does.StartWith("400 Bad request, please verify request parameters"));
        Assert.That(
            (await AdminApi.RunsAsync(kind, id)).Select(r => r!["profile_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { active.ProfileId }));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task An_automation_is_created_active_unless_told_otherwise()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post, $"accounts/{account.Id}/{Collection}", new JsonObject { ["name"] = "welcome", ["database_id"] = account.DatabaseId });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.Object["active"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task An_id_of_the_other_kind_is_404()
    {
        var account = await TestData.CreateAccountAsync();
        var other = await AdminApi.CreateAutomationAsync(OtherKind, account.Id, account.DatabaseId);

        var runs = await AdminApi.SendAsync(HttpMethod.Get, AdminApi.RunsPath(kind, other));
        var patch = await AdminApi.SendAsync(HttpMethod.Patch, $"{Collection}/{other}", new JsonObject { ["active"] = false });
        var import = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(other)));

        ProblemDetailsAssert.IsProblem(runs, HttpStatusCode.NotFound);
        ProblemDetailsAssert.IsProblem(patch, HttpStatusCode.NotFound);
        Assert.That(import.ToString(), Does.StartWith("404 No database or subscription resource found"));
        var untouched = await AdminApi.SendAsync(HttpMethod.Patch, $"{AdminApi.Collection(OtherKind)}/{other}", new JsonObject { ["active"] = true });
        Assert.That(untouched.Object["active"]!.GetValue<bool>(), Is.True, "the PATCH of the wrong kind must not have switched it off");
    }

    [Test]
    public async Task An_unknown_id_is_404()
    {
        var runs = await AdminApi.SendAsync(HttpMethod.Get, AdminApi.RunsPath(kind, int.MaxValue));
        var patch = await AdminApi.SendAsync(HttpMethod.Patch, $"{Collection}/{int.MaxValue}", new JsonObject { ["active"] = true });

        ProblemDetailsAssert.IsProblem(runs, HttpStatusCode.NotFound);
        ProblemDetailsAssert.IsProblem(patch, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task One_on_another_accounts_database_is_404_and_is_not_created()
    {
        var account = await TestData.CreateAccountAsync();
        var stranger = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post, $"accounts/{account.Id}/{Collection}", new JsonObject { ["name"] = "welcome", ["database_id"] = stranger.DatabaseId });

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
        Assert.That(await CountAutomationsAsync(account.Id), Is.Zero);
        Assert.That(await CountAutomationsAsync(stranger.Id), Is.Zero);
    }

    [Test]
    public async Task One_on_an_unknown_database_or_account_is_404()
    {
        var account = await TestData.CreateAccountAsync();

        var noDatabase = await AdminApi.SendAsync(
            HttpMethod.Post, $"accounts/{account.Id}/{Collection}", new JsonObject { ["name"] = "welcome", ["database_id"] = int.MaxValue });
        var noAccount = await AdminApi.SendAsync(
            HttpMethod.Post, $"accounts/{int.MaxValue}/{Collection}", new JsonObject { ["name"] = "welcome", ["database_id"] = account.DatabaseId });

        ProblemDetailsAssert.IsProblem(noDatabase, HttpStatusCode.NotFound);
        ProblemDetailsAssert.IsProblem(noAccount, HttpStatusCode.NotFound);
        Assert.That(await CountAutomationsAsync(account.Id), Is.Zero);
    }

    [TestCase("{\"database_id\":1}", TestName = "{m} without a name")]
    [TestCase("{\"name\":\"welcome\"}", TestName = "{m} without a database")]
    [TestCase("{\"name\":\"welcome\",\"database_id\":1,\"active\":\"yes\"}", TestName = "{m} with a text active")]
    public async Task A_create_with_a_bad_body_is_400(string body)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post,
            $"accounts/{account.Id}/{Collection}",
            body.Replace("\"database_id\":1", $"\"database_id\":{account.DatabaseId}", StringComparison.Ordinal),
            ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await CountAutomationsAsync(account.Id), Is.Zero);
    }

    [TestCase("{}")]
    [TestCase("{\"active\":null}")]
    public async Task A_patch_without_active_is_400_and_changes_nothing(string body)
    {
        var account = await TestData.CreateAccountAsync();
        var id = await AdminApi.CreateAutomationAsync(kind, account.Id, account.DatabaseId);

        var answer = await AdminApi.SendAsync(HttpMethod.Patch, $"{Collection}/{id}", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        var import = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, Id(id)));
        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.OK), import.ToString());
    }

    private static async Task<long> CountAutomationsAsync(int accountId) =>
        (await TestData.QueryAsync("SELECT count(*) FROM automations WHERE account_id = $1", r => r.GetInt64(0), accountId)).Single();
}
