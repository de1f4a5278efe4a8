using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickImport.Api.Health;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Health;

/// <summary>docs/operations.md "Shutdown": an import in flight when the service stops still completes.</summary>
public sealed class GracefulShutdownTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task An_import_in_flight_completes_while_the_host_stops()
    {
        // A real server, so stopping it really closes the listener and drains connections.
        await using var host = ApiInstance.Start(ApiInstanceOptions.Default.OnRealKestrel());
        var account = await TestData.CreateAccountAsync();
        var automation = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var slow = $"health_test_slow_{automation}";
        // The import's transaction sleeps when it writes this automation's launch, and only then.
        await TestData.QueryAsync(
            $"""
            CREATE FUNCTION {slow}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.automation_id = {automation} THEN PERFORM pg_sleep(3); END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {slow} BEFORE INSERT ON automation_runs FOR EACH ROW EXECUTE FUNCTION {slow}();
            """,
            _ => 0);
        try
        {
            using var client = host.CreateClient();
            using var content = ImportApi.Form(
            [
                ("token", account.Token), ("db_id", Id(account.DatabaseId)), ("email", "ann@example.com"), ("trigger_id", Id(automation)),
            ]);
            var import = client.PostAsync(new Uri(ImportApi.Path, UriKind.Relative), content);
            await WaitUntilSleepingAsync();

            // As on SIGTERM: the host stops, Kestrel closes its listener and waits for the import.
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            using var newcomer = host.CreateClient();
            Assert.That(await RefusedAsync(newcomer), Is.True, "a new connection should be refused while stopping");
            Assert.That(import.IsCompleted, Is.False, "the import should still be sleeping");

            using var response = await import;
            var body = await response.Content.ReadAsStringAsync();

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(await TestData.AutomationRunsAsync(automation), Has.Count.EqualTo(1));
            Assert.That(await TestData.FindProfileAsync(body["Successfully added ".Length..]), Is.Not.Null);
        }
        finally
        {
            await TestData.QueryAsync($"DROP TRIGGER IF EXISTS {slow} ON automation_runs; DROP FUNCTION IF EXISTS {slow}();", _ => 0);
        }
    }

    private static async Task WaitUntilSleepingAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var sleeping = await TestData.QueryAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()",
                r => r.GetInt64(0));
            if (sleeping.Single() > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the import never reached the slow trigger");
    }

    /// <summary>True once a new connection to the stopping server fails (within a second).</summary>
    private static async Task<bool> RefusedAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var probe = new HttpRequestMessage(HttpMethod.Get, HealthEndpoints.LivePath);
                probe.Headers.ConnectionClose = true; // every attempt opens a new connection
                using var answer = await client.SendAsync(probe);
            }
            catch (HttpRequestException)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
