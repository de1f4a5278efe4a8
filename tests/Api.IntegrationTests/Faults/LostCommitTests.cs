using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// ADR 20 and 31: an import's writes travel with its COMMIT, so a connection lost on that round trip
/// leaves the outcome unknown — the import is answered 503 "may have been written" and not run again.
/// </summary>
public sealed class LostCommitTests
{
    [Test]
    public async Task An_import_whose_connection_dies_while_its_writes_and_COMMIT_are_on_their_way_is_not_run_again()
    {
        var account = await TestData.CreateAccountAsync();
        var triggerId = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);

        ApiAnswer answer;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            // The import's last round trip (profile, launch, COMMIT) waits at the launch for the trigger's row.
            await competitor.LockAutomationAsync(triggerId);
            var importing = ImportApi.ImportAsync(account, ("email", "lost-commit@example.com"), ("trigger_id", Id(triggerId)));
            await CompetingTransaction.WaitForAWaiterAsync();
            Assert.That(await CompetingTransaction.TerminateTheWaitersAsync(), Is.EqualTo(1));

            answer = await importing;
        }

        var stored = await StoredImport.ReadAsync(account, triggerId);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.Body, Does.Contain("may have been written"));
            // Terminated before its COMMIT ran: nothing is written, and no second run wrote it either.
            Assert.That(stored.Profiles, Is.Zero);
            Assert.That(stored.Launches, Is.Zero);
        });
    }
}
