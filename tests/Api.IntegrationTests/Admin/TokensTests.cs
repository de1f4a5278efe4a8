using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: <c>POST /api/admin/accounts/{id}/tokens</c> and <c>DELETE /api/admin/tokens/{id}</c>.</summary>
public sealed class TokensTests
{
    private static readonly string[] TokenMembers = ["id", "name", "token"];

    [Test]
    public async Task Create_answers_201_with_id_name_and_the_secret_which_works_at_once()
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);
        var databaseId = await AdminApi.CreateDatabaseAsync(accountId);

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{accountId}/tokens", new JsonObject { ["name"] = "crm" });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var token = answer.Object;
        Assert.That(token.Select(m => m.Key), Is.EquivalentTo(TokenMembers), answer.ToString());
        Assert.That(token["id"]!.GetValue<int>(), Is.Positive);
        Assert.That(token["name"]!.GetValue<string>(), Is.EqualTo("crm"));
        var secret = token["token"]!.GetValue<string>();
        Assert.That(secret, Has.Length.GreaterThanOrEqualTo(20));

        var import = await ImportApi.ImportAsync(new TestAccount(accountId, secret, databaseId), ("email", "ann@example.com"));

        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.OK), import.ToString());
        Assert.That((await TestData.FindProfileAsync(import.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
    }

    [Test]
    public async Task Each_token_gets_its_own_id_and_secret()
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var first = await AdminApi.CreateTokenAsync(accountId);
        var second = await AdminApi.CreateTokenAsync(accountId);

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
        Assert.That(second.Secret, Is.Not.EqualTo(first.Secret));
    }

    [Test]
    public async Task The_secret_is_not_stored_in_clear()
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var (_, secret) = await AdminApi.CreateTokenAsync(accountId);

        var rows = await TestData.QueryAsync("SELECT row_to_json(t)::text FROM api_tokens t WHERE account_id = $1", r => r.GetString(0), accountId);
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.Not.Contain(secret));
    }

    [Test]
    public async Task Delete_answers_204_and_the_token_stops_working_at_once()
    {
        var account = await TestData.CreateAccountAsync();
        var (id, secret) = await AdminApi.CreateTokenAsync(account.Id);
        var before = await ImportApi.ImportAsync(account with { Token = secret }, ("email", "ann@example.com"));
        Assert.That(before.Status, Is.EqualTo(HttpStatusCode.OK), before.ToString());

        var answer = await AdminApi.SendAsync(HttpMethod.Delete, $"tokens/{id}");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NoContent), answer.ToString());
        Assert.That(answer.Body, Is.Empty);
        var import = await ImportApi.ImportAsync(account with { Token = secret }, ("email", "bob@example.com"));
        Assert.That(import.ToString(), Does.StartWith("403 Invalid API key"));
        var read = await ReadProfileAsync(secret, account.DatabaseId, before.ProfileId);
        Assert.That(read.Status, Is.EqualTo(HttpStatusCode.Forbidden), read.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task Deleting_one_token_leaves_the_accounts_other_tokens_working()
    {
        var account = await TestData.CreateAccountAsync();
        var (id, _) = await AdminApi.CreateTokenAsync(account.Id);

        await AdminApi.RevokeTokenAsync(id);
        var import = await ImportApi.ImportAsync(account, ("email", "ann@example.com"));

        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.OK), import.ToString());
    }

    [Test]
    public async Task Deleting_an_unknown_token_is_404()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Delete, $"tokens/{int.MaxValue}");

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_token_for_an_unknown_account_is_404()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{int.MaxValue}/tokens", new JsonObject { ["name"] = "crm" });

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    [TestCase("{}")]
    [TestCase("{\"name\":\"\"}")]
    public async Task A_token_without_a_name_is_400(string body)
    {
        var accountId = await AdminApi.CreateAccountAsync("Acme", null);

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"accounts/{accountId}/tokens", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        var stored = await TestData.QueryAsync("SELECT count(*) FROM api_tokens WHERE account_id = $1", r => r.GetInt64(0), accountId);
        Assert.That(stored.Single(), Is.Zero);
    }

    private static async Task<ApiAnswer> ReadProfileAsync(string token, int databaseId, string profileId) =>
        await ImportApi.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1.1/profiles/get")
        {
            Content = ImportApi.Json(new JsonObject { ["token"] = token, ["db_id"] = databaseId, ["profile_id"] = profileId }.ToJsonString()),
        });
}
