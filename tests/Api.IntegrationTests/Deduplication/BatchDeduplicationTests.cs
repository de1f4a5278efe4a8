using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.BatchApi;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>A batch is deduplicated as one request: a retry is answered from the first outcome, and no item is applied twice.</summary>
public sealed class BatchDeduplicationTests : TwoInstances
{
    [TestCase("batch-1")]
    [TestCase(null)]
    public async Task A_batch_repeated_after_it_committed_is_replayed_and_applied_once(string? requestId)
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var body = Body(account, Items(new JsonObject { ["email"] = "a@example.com" }, new JsonObject { ["email"] = "b@example.com" }), ("trigger_id", trigger));

        var original = await first.SendAsync(Request(body, requestId));
        var repeat = await second.SendAsync(Request(body, requestId));

        Assert.Multiple(() =>
        {
            Assert.That(original.IsReplay, Is.False);
            Assert.That(repeat.IsReplay, Is.True);
            Assert.That(repeat.Outcome, Is.EqualTo(original.Outcome));
        });
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
        Assert.That(await TestData.AutomationRunsAsync(trigger), Has.Count.EqualTo(2), "launched once per item, not again");
    }

    [Test]
    public async Task The_same_request_id_with_another_body_is_answered_with_the_first_outcome_and_writes_nothing()
    {
        var account = await TestData.CreateAccountAsync();

        var original = await first.SendAsync(Request(Body(account, Items(new JsonObject { ["email"] = "a@example.com" })), "batch-2"));
        var other = await second.SendAsync(Request(Body(account, Items(new JsonObject { ["email"] = "other@example.com" })), "batch-2"));

        Assert.That(other.Outcome, Is.EqualTo(original.Outcome));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    private static HttpRequestMessage Request(JsonObject body, string? requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ImportBatch) { Content = ImportApi.Json(body.ToJsonString()) };
        if (requestId is not null)
        {
            request.Headers.Add("Request-ID", requestId);
        }

        return request;
    }
}
