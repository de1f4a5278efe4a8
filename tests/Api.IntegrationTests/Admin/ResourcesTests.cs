using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: <c>POST /api/admin/databases/{id}/resources</c>, and what imports make of the resource.</summary>
public sealed class ResourcesTests
{
    [Test]
    public async Task Create_answers_201_with_the_resource()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post,
            $"databases/{account.DatabaseId}/resources",
            new JsonObject { ["name"] = "news", ["channels"] = new JsonArray("email", "sms"), ["double_opt_in"] = true });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var resource = answer.Object;
        Assert.That(resource["id"]!.GetValue<int>(), Is.Positive);
        Assert.That(resource["name"]!.GetValue<string>(), Is.EqualTo("news"));
        Assert.That(resource["channels"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EquivalentTo(new[] { "email", "sms" }));
        Assert.That(resource["double_opt_in"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_double_opt_in_resource_gives_unconfirmed_subscriptions_on_every_channel()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await AdminApi.CreateResourceAsync(account.DatabaseId, ["email", "sms"], doubleOptIn: true);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(account, answer.ProfileId),
            Is.EquivalentTo(new[] { (resource, "email", "ann@example.com", "unconfirmed"), (resource, "sms", "+79161234567", "unconfirmed") }));
    }

    [Test]
    public async Task A_single_channel_resource_without_opt_in_subscribes_that_channel_only()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await AdminApi.CreateResourceAsync(account.DatabaseId, ["email"], doubleOptIn: false);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(account, answer.ProfileId),
            Is.EqualTo(new[] { (resource, "email", "ann@example.com", "subscribed") }));
    }

    [Test]
    public async Task A_resource_without_double_opt_in_in_the_body_subscribes_at_once()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await AdminApi.SendAsync(
            HttpMethod.Post, $"databases/{account.DatabaseId}/resources", "{\"name\":\"news\",\"channels\":[\"sms\"]}", ApiInstance.AdminKey);
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.Object["double_opt_in"]!.GetValue<bool>(), Is.False);
        var resource = created.Object["id"]!.GetValue<int>();

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(account, answer.ProfileId),
            Is.EqualTo(new[] { (resource, "sms", "+79161234567", "subscribed") }));
    }

    [TestCase("{\"name\":\"news\",\"channels\":[\"fax\"]}", TestName = "An unknown channel is 400")]
    [TestCase("{\"name\":\"news\",\"channels\":[\"email\",\"push\"]}", TestName = "One unknown channel among known ones is 400")]
    [TestCase("{\"name\":\"news\",\"channels\":[\"EMAIL\"]}", TestName = "A channel in capitals is 400")]
    [TestCase("{\"name\":\"news\",\"channels\":[]}", TestName = "Empty channels are 400")]
    [TestCase("{\"name\":\"news\"}", TestName = "Missing channels are 400")]
    [TestCase("{\"channels\":[\"email\"]}", TestName = "A resource without a name is 400")]
    public async Task A_resource_that_cannot_exist_is_400_and_is_not_created(string body)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/resources", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await TestData.QueryAsync("SELECT id FROM resources WHERE database_id = $1", r => r.GetInt32(0), account.DatabaseId), Is.Empty);
    }

    [Test]
    public async Task A_resource_of_an_unknown_database_is_404()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{int.MaxValue}/resources", AdminApi.ResourceBody(["email"]));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    /// <summary>The profile's subscriptions as the read API shows them.</summary>
    private static async Task<List<(int Resource, string Channel, string Contact, string Status)>> SubscriptionsAsync(TestAccount account, string profileId)
    {
        var answer = await ProfilesApi.GetAsync(account, ("profile_id", profileId));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        return
        [
            .. answer.Json["data"]!["subscriptions"]!.AsArray().Select(s => (
                s!["resource_id"]!.GetValue<int>(),
                s["channel"]!.GetValue<string>(),
                s["contact"]!.GetValue<string>(),
                s["status"]!.GetValue<string>())),
        ];
    }
}
