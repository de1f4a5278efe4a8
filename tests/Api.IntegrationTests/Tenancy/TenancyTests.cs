using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Tenancy;

/// <summary>
/// docs/api.md §2: a token sees only its own account's objects; another account's database, resource,
/// trigger, scenario or profile is answered exactly as a missing one, and stays as it was.
/// </summary>
public sealed class TenancyTests
{
    private const string NoDatabaseOrResource = "404 No database or subscription resource found";
    private const string AnnEmail = "ann@example.com";
    private const string AnnPhone = "+79161234567";

    [Test]
    public async Task Bs_token_cannot_import_into_As_database()
    {
        var (a, b) = await TwoAccountsAsync();
        var before = await SnapshotAsync(a);

        var create = await ImportApi.ImportAsync(b with { DatabaseId = a.Account.DatabaseId }, ("email", "mallory@example.com"));
        var update = await ImportApi.ImportAsync(b with { DatabaseId = a.Account.DatabaseId }, ("email", AnnEmail), ("_fname", "Hacked"));

        Assert.That(create.ToString(), Does.StartWith(NoDatabaseOrResource));
        Assert.That(update.ToString(), Does.StartWith(NoDatabaseOrResource));
        Assert.That(await TestData.CountProfilesAsync(b.DatabaseId), Is.Zero);
        await AssertUnchangedAsync(a, before);
    }

    [Test]
    public async Task Bs_token_cannot_update_As_profile_by_id_through_its_own_database()
    {
        var (a, b) = await TwoAccountsAsync();
        var before = await SnapshotAsync(a);

        var answer = await ImportApi.ImportAsync(b, ("matching", "profile_id"), ("profile_id", a.ProfileId), ("_fname", "Hacked"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(await TestData.CountProfilesAsync(b.DatabaseId), Is.Zero);
        await AssertUnchangedAsync(a, before);
    }

    [Test]
    public async Task Bs_token_cannot_subscribe_to_As_resource()
    {
        var (a, b) = await TwoAccountsAsync();
        var before = await SnapshotAsync(a);

        var answer = await ImportApi.ImportAsync(b, ("email", "mallory@example.com"), ("resource_id", Id(a.Resource)));

        Assert.That(answer.ToString(), Does.StartWith(NoDatabaseOrResource));
        Assert.That(await TestData.CountProfilesAsync(b.DatabaseId), Is.Zero);
        Assert.That(await TestData.QueryAsync("SELECT contact FROM subscriptions WHERE resource_id = $1", r => r.GetString(0), a.Resource), Is.EquivalentTo(new[] { AnnEmail, AnnPhone }));
        await AssertUnchangedAsync(a, before);
    }

    [TestCase(AutomationKind.Trigger, "trigger_id")]
    [TestCase(AutomationKind.Workflow, "workflow_id")]
    public async Task Bs_token_cannot_use_As_automation(AutomationKind kind, string parameter)
    {
        var (a, b) = await TwoAccountsAsync();
        var automation = kind == AutomationKind.Trigger ? a.Trigger : a.Workflow;
        var before = await SnapshotAsync(a);

        var answer = await ImportApi.ImportAsync(b, ("email", "mallory@example.com"), (parameter, Id(automation)));

        Assert.That(answer.ToString(), Does.StartWith(NoDatabaseOrResource));
        Assert.That(await TestData.CountProfilesAsync(b.DatabaseId), Is.Zero);
        await AssertUnchangedAsync(a, before);
    }

    [TestCase("profile_id")]
    [TestCase("email")]
    [TestCase("phone")]
    [TestCase("field")]
    public async Task Bs_token_cannot_read_As_profile_in_As_database(string lookup)
    {
        var (a, b) = await TwoAccountsAsync();

        var answer = await ProfilesApi.GetAsync(b with { DatabaseId = a.Account.DatabaseId }, Lookup(lookup, a));

        AssertProfileNotFound(answer);
    }

    [TestCase("profile_id")]
    [TestCase("email")]
    [TestCase("phone")]
    [TestCase("field")]
    public async Task Bs_token_cannot_read_As_profile_through_its_own_database(string lookup)
    {
        var (a, b) = await TwoAccountsAsync();

        var answer = await ProfilesApi.GetAsync(b, Lookup(lookup, a));

        AssertProfileNotFound(answer);
    }

    [Test]
    public async Task The_same_email_in_both_accounts_gives_two_separate_profiles()
    {
        var (a, b) = await TwoAccountsAsync();
        var before = await SnapshotAsync(a);

        var inB = await ImportApi.ImportAsync(b, ("email", AnnEmail), ("phone", AnnPhone), ("crm_id", "CRM-A"), ("_fname", "Other Ann"));

        Assert.That(inB.Status, Is.EqualTo(HttpStatusCode.OK), inB.ToString());
        Assert.That(inB.ProfileId, Is.Not.EqualTo(a.ProfileId));
        var readByB = await ProfilesApi.GetAsync(b, ("email", AnnEmail));
        Assert.That(readByB.Json["data"]!["profile_id"]!.GetValue<string>(), Is.EqualTo(inB.ProfileId), readByB.ToString());
        Assert.That(readByB.Json["data"]!["fields"]!["_fname"]!.GetValue<string>(), Is.EqualTo("Other Ann"));
        Assert.That((await AdminApi.GetAccountAsync(b.Id))["profile_count"]!.GetValue<int>(), Is.EqualTo(1));
        await AssertUnchangedAsync(a, before);
    }

    private static (string Name, string Value)[] Lookup(string lookup, AccountA a) => lookup switch
    {
        "profile_id" => [("profile_id", a.ProfileId)],
        "email" => [("email", AnnEmail)],
        "phone" => [("phone", AnnPhone)],
        _ => [("field_name", "crm_id"), ("field_value", "CRM-A")],
    };

    /// <summary>
    /// Account A with a unique field, a resource, a trigger, a scenario and one profile that used them
    /// all; account B with a database of the same shape (so a lookup by field is not refused as unknown).
    /// </summary>
    private static async Task<(AccountA A, TestAccount B)> TwoAccountsAsync()
    {
        var a = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(a.DatabaseId, "crm_id", "string", unique: true);
        var resource = await AdminApi.CreateResourceAsync(a.DatabaseId, ["email", "sms"]);
        var trigger = await AdminApi.CreateTriggerAsync(a.Id, a.DatabaseId);
        var workflow = await AdminApi.CreateWorkflowAsync(a.Id, a.DatabaseId);
        var ann = await ImportApi.ImportAsync(
            a,
            ("email", AnnEmail),
            ("phone", AnnPhone),
            ("_fname", "Ann"),
            ("crm_id", "CRM-A"),
            ("resource_id", Id(resource)),
            ("trigger_id", Id(trigger)),
            ("workflow_id", Id(workflow)));
        Assert.That(ann.Status, Is.EqualTo(HttpStatusCode.OK), ann.ToString());

        var b = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(b.DatabaseId, "crm_id", "string", unique: true);
        return (new AccountA(a, resource, trigger, workflow, ann.ProfileId), b);
    }

    /// <summary>What A's operator and A's token see.</summary>
    private static async Task<JsonObject> SnapshotAsync(AccountA a) => new()
    {
        ["profile"] = (await ProfilesApi.GetAsync(a.Account, ("profile_id", a.ProfileId))).Json,
        ["account"] = await AdminApi.GetAccountAsync(a.Account.Id),
        ["launches"] = await AdminApi.RunsAsync(AutomationKind.Trigger, a.Trigger),
        ["enrollments"] = await AdminApi.RunsAsync(AutomationKind.Workflow, a.Workflow),
        ["profiles"] = await TestData.CountProfilesAsync(a.Account.DatabaseId),
    };

    private static async Task AssertUnchangedAsync(AccountA a, JsonObject before)
    {
        var after = await SnapshotAsync(a);
        Assert.That(JsonNode.DeepEquals(after, before), Is.True, $"A's data changed:\nbefore {before.ToJsonString()}\nafter  {after.ToJsonString()}");
        Assert.That(after["account"]!["profile_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(after["launches"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(after["enrollments"]!.AsArray(), Has.Count.EqualTo(1));
    }

    private static void AssertProfileNotFound(ApiAnswer answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(404));
        Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo("Profile not found"));
        Assert.That(answer.Json.ContainsKey("data"), Is.False, answer.ToString());
    }

    private sealed record AccountA(TestAccount Account, int Resource, int Trigger, int Workflow, string ProfileId);
}
