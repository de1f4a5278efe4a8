using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// ADR 20: when PostgreSQL ends the API's connections (<c>pg_terminate_backend</c>, a failover, a
/// restart), the pool's dead connections cost retries, not failed requests.
/// </summary>
public sealed class TerminatedConnectionsTests
{
    private string applicationName = null!;

    // An instance with a pool of its own, whose connections are told apart by their application name.
    private ApiInstanceOptions ownPool = null!;

    [SetUp]
    public void NameThePool()
    {
        applicationName = $"quickimport-faults-{Guid.NewGuid():N}"[..40];
        ownPool = ApiInstanceOptions.Default.OnTestDatabase(b => b.ApplicationName = applicationName);
    }

    [Test]
    public async Task Imports_after_the_pools_connections_were_terminated_succeed()
    {
        await using var host = ApiInstance.Start(ownPool);
        var account = await TestData.CreateAccountAsync();

        // Several imports at once leave several idle connections in the pool.
        var warmUp = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            host.ImportAsync(account, ("email", $"warm{i}@example.com"))));
        var terminated = await TerminateAsync();
        var after = new List<InstanceAnswer>();
        for (var i = 0; i < 10; i++)
        {
            after.Add(await host.ImportAsync(account, ("email", $"after{i}@example.com"), ("_fname", "After")));
        }

        Assert.Multiple(() =>
        {
            Assert.That(warmUp.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(terminated, Is.GreaterThan(1), "the pool held several connections");
            Assert.That(after.Select(a => a.ToString()), Has.All.StartWith("200 Successfully added "));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(18));
    }

    [Test]
    public async Task Imports_through_the_deduplication_after_its_connections_were_terminated_succeed()
    {
        // The deduplication store has a pool of its own; its claim is an import's first statement.
        await using var deduplicating = ApiInstance.Start(ownPool.WithDeduplication());
        var account = await TestData.CreateAccountAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => deduplicating.ImportAsync(account, ("email", $"warm{i}@example.com"))));
        var terminated = await TerminateAsync();
        var after = new List<InstanceAnswer>();
        for (var i = 0; i < 10; i++)
        {
            after.Add(await deduplicating.ImportAsync(account, ("email", $"after{i}@example.com")));
        }

        Assert.Multiple(() =>
        {
            Assert.That(terminated, Is.GreaterThan(1), "the pools held several connections");
            Assert.That(after.Select(a => a.ToString()), Has.All.StartWith("200 Successfully added "));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(18));
    }

    [Test]
    public async Task The_read_and_admin_APIs_after_the_pools_connections_were_terminated_succeed()
    {
        await using var host = ApiInstance.Start(ownPool);
        var account = await TestData.CreateAccountAsync();
        var created = await host.ImportAsync(account, ("email", "read@example.com"));
        await TerminateAsync();

        var found = await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, ProfilesApi.Path)
        {
            Content = ImportApi.Json(new JsonObject { ["token"] = account.Token, ["db_id"] = account.DatabaseId, ["email"] = "read@example.com" }.ToJsonString()),
        });
        await TerminateAsync();
        var accountView = await host.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"{AdminApi.Root}/accounts/{Id(account.Id)}").WithBearer(ApiInstance.AdminKey));

        Assert.Multiple(() =>
        {
            Assert.That(found.Status, Is.EqualTo(HttpStatusCode.OK), found.ToString());
            Assert.That(found.Json["data"]!["profile_id"]!.GetValue<string>(), Is.EqualTo(created.ProfileId));
            Assert.That(accountView.Status, Is.EqualTo(HttpStatusCode.OK), accountView.ToString());
            Assert.That(accountView.Json["profile_count"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    /// <returns>How many of the host's connections PostgreSQL ended.</returns>
    private async Task<long> TerminateAsync() =>
        (await TestData.QueryAsync(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
            r => r.GetInt64(0),
            applicationName)).Single();
}
