using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;
using QuickImport.Infrastructure.Caching;

namespace QuickImport.Api.IntegrationTests.Caching;

/// <summary>
/// Imports keep tokens, databases, resources and automations in memory; every change an admin makes
/// to them is in force for the very next import, on this instance and on the others.
/// </summary>
public sealed class MetadataChangesTests
{
    [Test]
    public async Task A_token_used_a_moment_ago_is_refused_right_after_its_revocation()
    {
        var account = await TestData.CreateAccountAsync();
        ExpectOk(await ImportApi.ImportAsync(account, ("email", "ann@example.com")));

        await TestData.RevokeTokenAsync(account.Token);

        var refused = await ImportApi.ImportAsync(account, ("email", "bob@example.com"));
        Assert.That(refused.ToString(), Does.StartWith("403 Invalid API key"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_field_added_after_imports_of_its_database_is_accepted_at_once()
    {
        var account = await TestData.CreateAccountAsync();
        var unknown = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("nickname", "Annie"));
        Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest), unknown.ToString());

        await TestData.AddFieldAsync(account.DatabaseId, "nickname", FieldType.String);

        ExpectOk(await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("nickname", "Annie")));
    }

    [TestCase(AutomationKind.Trigger, "trigger_id")]
    [TestCase(AutomationKind.Workflow, "workflow_id")]
    public async Task An_automation_switched_off_after_a_launch_is_refused_at_once(AutomationKind kind, string parameter)
    {
        var account = await TestData.CreateAccountAsync();
        var automation = await TestData.CreateAutomationAsync(kind, account.Id, account.DatabaseId);
        var id = automation.ToString(CultureInfo.InvariantCulture);
        ExpectOk(await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, id)));

        await AdminApi.SetActiveAsync(kind, automation, active: false);

        var refused = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (parameter, id));
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.ToString());
        Assert.That(refused.Body, Does.Contain("inactive"));
        Assert.That(await TestData.AutomationRunsAsync(automation), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_revocation_made_on_one_instance_reaches_another_that_holds_the_token()
    {
        await using var other = ApiInstance.Start(ApiInstanceOptions.Default);
        var otherCache = other.Services.GetRequiredService<MetadataCache>();
        await WaitUntilAsync(() => otherCache.IsLive, "the other instance's listener to start");
        var account = await TestData.CreateAccountAsync();
        var known = await other.ImportAsync(account, ("email", "ann@example.com"));
        Assert.That(known.Status, Is.EqualTo(HttpStatusCode.OK), known.ToString());

        await TestData.RevokeTokenAsync(account.Token);

        // The other instance hears of it through PostgreSQL: within moments, never at the next restart.
        var refusedWithin = Stopwatch.StartNew();
        InstanceAnswer answer;
        do
        {
            answer = await other.ImportAsync(account, ("email", "bob@example.com"));
        }
        while (answer.Status == HttpStatusCode.OK && refusedWithin.Elapsed < TimeSpan.FromSeconds(5));

        Assert.That(answer.ToString(), Does.StartWith("403 Invalid API key"));
        Assert.That(refusedWithin.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    private static void ExpectOk(ApiAnswer answer) => Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
