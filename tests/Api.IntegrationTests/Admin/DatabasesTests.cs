using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: <c>POST /api/admin/accounts/{id}/databases</c>.</summary>
public sealed class DatabasesTests
{
    [Test]
    public async Task Create_answers_201_with_id_and_name()
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{accountId}/databases", new JsonObject { ["name"] = "customers" });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var id = answer.Object["id"]!.GetValue<int>();
        Assert.That(id, Is.Positive);
        Assert.That(JsonNode.DeepEquals(answer.Json, new JsonObject { ["id"] = id, ["name"] = "customers" }), Is.True, answer.ToString());
    }

    [Test]
    public async Task A_new_database_takes_imports_with_the_accounts_token()
    {
        var account = await TestData.CreateAccountAsync();
        var databaseId = await AdminApi.CreateDatabaseAsync(account.Id, "second");

        var answer = await ImportApi.ImportAsync(account with { DatabaseId = databaseId }, ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.DatabaseId, Is.EqualTo(databaseId));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task Each_database_gets_its_own_id()
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var first = await AdminApi.CreateDatabaseAsync(accountId);
        var second = await AdminApi.CreateDatabaseAsync(accountId);

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task A_database_of_an_unknown_account_is_404()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{int.MaxValue}/databases", new JsonObject { ["name"] = "customers" });

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    [TestCase("{}")]
    [TestCase("{\"name\":\"\"}")]
    public async Task A_database_without_a_name_is_400_and_is_not_created(string body)
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{accountId}/databases", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        var stored = await TestData.QueryAsync("SELECT count(*) FROM profile_databases WHERE account_id = $1", r => r.GetInt64(0), accountId);
        Assert.That(stored.Single(), Is.Zero);
    }
}
