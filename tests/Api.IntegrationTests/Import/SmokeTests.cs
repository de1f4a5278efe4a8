using System.Net;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Import;

public sealed class SmokeTests
{
    [Test]
    public async Task A_new_email_creates_a_profile_and_a_repeat_updates_it()
    {
        var account = await TestData.CreateAccountAsync();

        var created = await ImportApi.ImportAsync(account, ("email", "Ann@Example.COM"), ("_fname", "Ann"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        var updated = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_lname", "Lee"));

        Assert.That(updated.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        var stored = await TestData.FindProfileAsync(created.ProfileId);
        Assert.That(stored!.Email, Is.EqualTo("ann@example.com"), "the update sent the email again, in other case");
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
    }
}
