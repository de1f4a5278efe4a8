using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: <c>POST/GET/PATCH /api/admin/accounts</c> and the account's live profile count.</summary>
public sealed class AccountsTests
{
    private static readonly string[] AccountMembers = ["id", "name", "profile_limit", "profile_count"];

    [Test]
    public async Task Create_answers_201_with_the_account()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Acme", ["profile_limit"] = 5 });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var account = answer.Object;
        Assert.That(account.Select(m => m.Key), Is.EquivalentTo(AccountMembers), answer.ToString());
        Assert.That(account["id"]!.GetValue<int>(), Is.Positive);
        Assert.That(account["name"]!.GetValue<string>(), Is.EqualTo("Acme"));
        Assert.That(account["profile_limit"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(account["profile_count"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task Get_answers_200_with_the_same_shape()
    {
        var id = await AdminApi.CreateAccountAsync("Globex", 7);

        var answer = await AdminApi.SendAsync(HttpMethod.Get, $"accounts/{id}");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            JsonNode.DeepEquals(answer.Json, new JsonObject { ["id"] = id, ["name"] = "Globex", ["profile_limit"] = 7, ["profile_count"] = 0 }),
            Is.True,
            answer.ToString());
    }

    [TestCase("{\"name\":\"Initech\",\"profile_limit\":null}")]
    [TestCase("{\"name\":\"Initech\"}")]
    public async Task An_account_without_a_limit_shows_a_null_limit(string body)
    {
        var created = await AdminApi.SendAsync(HttpMethod.Post, "accounts", body, ApiInstance.AdminKey);

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.Object.ContainsKey("profile_limit"), Is.True, created.ToString());
        Assert.That(created.Object["profile_limit"], Is.Null);
        var read = await AdminApi.GetAccountAsync(created.Object["id"]!.GetValue<int>());
        Assert.That(read.ContainsKey("profile_limit"), Is.True, read.ToJsonString());
        Assert.That(read["profile_limit"], Is.Null);
    }

    [Test]
    public async Task Patch_changes_the_limit_and_null_removes_it()
    {
        var id = await AdminApi.CreateAccountAsync("Umbrella", 3);

        var raised = await AdminApi.SendAsync(HttpMethod.Patch, $"accounts/{id}", new JsonObject { ["profile_limit"] = 10 });

        Assert.That(raised.Status, Is.EqualTo(HttpStatusCode.OK), raised.ToString());
        Assert.That(
            JsonNode.DeepEquals(raised.Json, new JsonObject { ["id"] = id, ["name"] = "Umbrella", ["profile_limit"] = 10, ["profile_count"] = 0 }),
            Is.True,
            raised.ToString());
        Assert.That((await AdminApi.GetAccountAsync(id))["profile_limit"]!.GetValue<int>(), Is.EqualTo(10));

        var removed = await AdminApi.SendAsync(HttpMethod.Patch, $"accounts/{id}", new JsonObject { ["profile_limit"] = null });

        Assert.That(removed.Status, Is.EqualTo(HttpStatusCode.OK), removed.ToString());
        Assert.That(
            JsonNode.DeepEquals(removed.Json, new JsonObject { ["id"] = id, ["name"] = "Umbrella", ["profile_limit"] = null, ["profile_count"] = 0 }),
            Is.True,
            removed.ToString());
        var read = await AdminApi.GetAccountAsync(id);
        Assert.That(read.ContainsKey("profile_limit"), Is.True);
        Assert.That(read["profile_limit"], Is.Null);
    }

    [Test]
    public async Task A_patched_limit_governs_the_next_import()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 1);
        var first = await ImportApi.ImportAsync(account, ("email", "one@example.com"));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        var refused = await ImportApi.ImportAsync(account, ("email", "two@example.com"));
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.PaymentRequired), refused.ToString());

        await AdminApi.PatchLimitAsync(account.Id, null);
        var allowed = await ImportApi.ImportAsync(account, ("email", "two@example.com"));

        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK), allowed.ToString());
        Assert.That((await AdminApi.GetAccountAsync(account.Id))["profile_count"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task The_profile_count_is_live()
    {
        var account = await TestData.CreateAccountAsync();
        var second = account with { DatabaseId = await TestData.CreateDatabaseAsync(account.Id) };

        var one = await ImportApi.ImportAsync(account, ("email", "one@example.com"));
        var two = await ImportApi.ImportAsync(second, ("email", "two@example.com"));
        var update = await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "One"));

        Assert.That(new[] { one.Status, two.Status, update.Status }, Is.All.EqualTo(HttpStatusCode.OK), $"{one} / {two} / {update}");
        var read = await AdminApi.GetAccountAsync(account.Id);
        Assert.That(read["profile_count"]!.GetValue<int>(), Is.EqualTo(2), read.ToJsonString());
        var patched = await AdminApi.PatchLimitAsync(account.Id, 5);
        Assert.That(patched["profile_count"]!.GetValue<int>(), Is.EqualTo(2), patched.ToJsonString());
    }

    [TestCase("GET", "accounts/{0}", null)]
    [TestCase("PATCH", "accounts/{0}", "{\"profile_limit\":5}")]
    [TestCase("POST", "accounts/{0}/tokens", "{\"name\":\"crm\"}")]
    [TestCase("POST", "accounts/{0}/databases", "{\"name\":\"main\"}")]
    public async Task An_unknown_account_is_404(string method, string path, string? body)
    {
        var answer = await AdminApi.SendAsync(
            new HttpMethod(method),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, path, int.MaxValue),
            body,
            ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    [TestCase("{\"profile_limit\":5}", TestName = "Create without a name is 400")]
    [TestCase("{\"name\":\"\",\"profile_limit\":5}", TestName = "Create with an empty name is 400")]
    [TestCase("{\"name\":null}", TestName = "Create with a null name is 400")]
    [TestCase("{\"name\":\"Acme\",\"profile_limit\":-1}", TestName = "Create with a negative limit is 400")]
    [TestCase("{\"name\":\"Acme\",\"profile_limit\":\"many\"}", TestName = "Create with a text limit is 400")]
    [TestCase("{\"name\":", TestName = "Create with malformed JSON is 400")]
    public async Task A_create_with_a_bad_body_is_400_and_creates_nothing(string body)
    {
        var before = await CountAccountsAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, "accounts", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await CountAccountsAsync(), Is.EqualTo(before));
    }

    [TestCase("{}", TestName = "Patch without profile_limit is 400")]
    [TestCase("{\"profile_limit\":-1}", TestName = "Patch with a negative limit is 400")]
    [TestCase("{\"name\":\"Renamed\"}", TestName = "Patch with only a name is 400")]
    public async Task A_patch_with_a_bad_body_is_400_and_keeps_the_limit(string body)
    {
        var id = await AdminApi.CreateAccountAsync("Hooli", 4);

        var answer = await AdminApi.SendAsync(HttpMethod.Patch, $"accounts/{id}", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        var read = await AdminApi.GetAccountAsync(id);
        Assert.That(read["profile_limit"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(read["name"]!.GetValue<string>(), Is.EqualTo("Hooli"));
    }

    // Accounts are only ever added; a bad request must not add one. Tests run one at a time.
    private static async Task<long> CountAccountsAsync() =>
        (await TestData.QueryAsync("SELECT count(*) FROM accounts", r => r.GetInt64(0))).Single();
}
