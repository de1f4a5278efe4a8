using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.BatchApi;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>A batch is all-or-nothing against a lost connection: no item is written alone.</summary>
public sealed class BatchFaultTests
{
    [Test]
    public async Task A_batch_whose_connection_is_killed_while_it_writes_writes_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var items = Items([.. Enumerable.Range(0, 50).Select(i => new JsonObject { ["email"] = $"killed{i}@example.com" })]);

        Task<ApiAnswer> importing;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            // The batch's launches wait for the trigger's row, in the round trip of its COMMIT, after
            // its profiles and unique values: the connection dies with all of them sent.
            await competitor.LockAutomationAsync(trigger);
            importing = PostAsync(ImportBatch, Body(account, items, ("trigger_id", trigger)));
            await CompetingTransaction.WaitForAWaiterAsync();
            Assert.That(await CompetingTransaction.TerminateTheWaitersAsync(), Is.EqualTo(1));
        }

        var answer = await importing;

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.CountRowsAsync("profile_unique_values", account.DatabaseId), Is.Zero);
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
    }
}
