using System.Diagnostics;
using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// ADR 20: an import chosen as a deadlock's victim (40P01) is run again, once, whole: the client
/// sees one success and the database holds one import, not a 500 and not two launches.
/// </summary>
public sealed class DeadlockRetryTests
{
    private const int Limit = 10;

    [Test]
    public async Task An_import_that_loses_a_deadlock_is_retried_and_written_once()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: Limit);
        var resourceId = await TestData.CreateResourceAsync(account.DatabaseId, channels: [Channel.Email, Channel.Sms]);
        var triggerId = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);

        Task<ApiAnswer> importing;
        TimeSpan accountLockWait;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            await competitor.LockAutomationAsync(triggerId);
            importing = ImportApi.ImportAsync(
                account,
                ("email", "deadlock@example.com"), ("phone", "+79161234567"),
                ("resource_id", Id(resourceId)), ("trigger_id", Id(triggerId)));

            // The import holds the account's lock shared and waits for the trigger's row; asking for the
            // account's lock exclusively closes the circle. The import waited first, so its deadlock
            // check runs first and it is the victim; the competitor gets the lock only when the
            // import's first run has rolled back.
            await CompetingTransaction.WaitForAWaiterAsync();
            var clock = Stopwatch.StartNew();
            await competitor.LockAccountAsync(account.Id);
            accountLockWait = clock.Elapsed;
            await competitor.CommitAsync();
        }

        var answer = await importing;
        var stored = await StoredImport.ReadAsync(account, triggerId);

        Assert.Multiple(() =>
        {
            Assert.That(accountLockWait, Is.LessThan(TimeSpan.FromSeconds(10)), "the deadlock was detected");
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
            Assert.That(stored, Is.EqualTo(new StoredImport(Profiles: 1, Subscriptions: 2, Launches: 1, TariffRoomLeft: Limit - 1)));
        });
        var profile = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(profile?.Email, Is.EqualTo("deadlock@example.com"));
    }
}
