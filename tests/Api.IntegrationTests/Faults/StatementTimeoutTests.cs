using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>ADR 20: a statement cancelled by <c>statement_timeout</c> (57014) is a 503, and its import is rolled back whole.</summary>
public sealed class StatementTimeoutTests
{
    private const int Limit = 10;

    private ApiInstance host = null!;

    [SetUp]
    public void StartHostWithAStatementTimeout() =>
        host = ApiInstance.Start(ApiInstanceOptions.Default.OnTestDatabase(b => b.Options = "-c statement_timeout=300"));

    [TearDown]
    public async Task StopHost() => await host.DisposeAsync();

    [Test]
    public async Task A_statement_timeout_answers_503_and_writes_nothing_then_the_same_import_succeeds()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: Limit);
        var resourceId = await TestData.CreateResourceAsync(account.DatabaseId, channels: [Channel.Email, Channel.Sms]);
        var triggerId = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        (string, string)[] import =
        [
            ("email", "timeout@example.com"), ("phone", "+79161234567"),
            ("resource_id", Id(resourceId)), ("trigger_id", Id(triggerId)),
        ];

        InstanceAnswer timedOut;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            // The import writes its tariff claim, profile and subscriptions, then waits at its launch row.
            await competitor.LockAutomationAsync(triggerId);
            timedOut = await host.ImportAsync(account, import);
        }

        var afterTimeout = await StoredImport.ReadAsync(account, triggerId);
        var retried = await host.ImportAsync(account, import);
        var afterRetry = await StoredImport.ReadAsync(account, triggerId);

        Assert.Multiple(() =>
        {
            Assert.That(timedOut.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), timedOut.ToString());
            Assert.That(
                timedOut.Body,
                Is.EqualTo("Service temporarily unavailable: the database did not answer in time; nothing was written, retry later"));
            Assert.That(timedOut.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(afterTimeout, Is.EqualTo(new StoredImport(Profiles: 0, Subscriptions: 0, Launches: 0, TariffRoomLeft: Limit)));
            Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
            Assert.That(afterRetry, Is.EqualTo(new StoredImport(Profiles: 1, Subscriptions: 2, Launches: 1, TariffRoomLeft: Limit - 1)));
        });
    }
}
