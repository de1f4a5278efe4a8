using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Subscriptions": resource_id subscribes the request's contacts, and an existing subscription keeps its status.</summary>
public sealed class SubscriptionTests
{
    private const string NotFound = "404 No database or subscription resource found";

    [Test]
    public async Task An_email_gets_a_subscribed_email_channel_subscription()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);

        var answer = await ImportApi.ImportAsync(account, ("email", "Ann@Example.COM"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(answer.ProfileId),
            Is.EqualTo(new[] { (resource, "email", "Ann@example.com", "subscribed") }));
    }

    [Test]
    public async Task A_phone_gets_a_subscribed_sms_channel_subscription()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+7 916 123-45-67"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(answer.ProfileId),
            Is.EqualTo(new[] { (resource, "sms", "+79161234567", "subscribed") }));
    }

    [Test]
    public async Task An_email_and_a_phone_get_one_subscription_each()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(answer.ProfileId),
            Is.EqualTo(new[]
            {
                (resource, "email", "ann@example.com", "subscribed"),
                (resource, "sms", "+79161234567", "subscribed"),
            }));
    }

    [Test]
    public async Task A_double_opt_in_resource_makes_an_unconfirmed_subscription()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId, doubleOptIn: true);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(answer.ProfileId),
            Is.EqualTo(new[] { (resource, "email", "ann@example.com", "unconfirmed") }));
    }

    [Test]
    public async Task Only_the_resources_channels_are_subscribed()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Sms);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(
            await SubscriptionsAsync(answer.ProfileId),
            Is.EqualTo(new[] { (resource, "sms", "+79161234567", "subscribed") }));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Email, Is.EqualTo("ann@example.com"), "the email is still stored on the profile");
    }

    [Test]
    public async Task A_resource_without_any_of_the_requests_channels_is_400_and_stores_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Email);

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("resource_id", Id(resource)));

        Assert.That(
            answer.ToString(),
            Is.EqualTo($"400 Bad request, please verify request parameters: resource_id: resource {resource} has no channel for the request's contacts (it sends email)"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.CountRowsAsync("subscriptions", account.DatabaseId), Is.Zero);
    }

    [TestCase(SubscriptionStatus.Unsubscribed)]
    [TestCase(SubscriptionStatus.Complained)]
    [TestCase(SubscriptionStatus.Bounced)]
    [TestCase(SubscriptionStatus.Suspended)]
    public async Task A_reimport_keeps_an_existing_subscriptions_status(SubscriptionStatus status)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("resource_id", Id(resource)));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        await TestData.SetSubscriptionStatusAsync(created.ProfileId, status);

        var again = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"), ("resource_id", Id(resource)));

        Assert.That(again.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        Assert.That(
            await SubscriptionsAsync(created.ProfileId),
            Is.EqualTo(new[] { (resource, "email", "ann@example.com", status.ToString().ToLowerInvariant()) }));
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"), "the rest of the import was written");
    }

    [Test]
    public async Task A_reimport_does_not_duplicate_subscriptions()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var created = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("phone", "+79161234567"), ("resource_id", Id(resource)));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());

        var again = await ImportApi.ImportAsync(
            account, ("email", "ANN@example.com"), ("phone", "8 916 123-45-67"), ("_fname", "Ann"), ("resource_id", Id(resource)));
        var byPhone = await ImportApi.ImportAsync(
            account, ("matching", "phone"), ("phone", "+79161234567"), ("_lname", "Lee"), ("resource_id", Id(resource)));

        Assert.That(again.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        Assert.That(byPhone.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        Assert.That(
            await SubscriptionsAsync(created.ProfileId),
            Is.EqualTo(new[]
            {
                (resource, "email", "ann@example.com", "subscribed"),
                (resource, "sms", "+79161234567", "subscribed"),
            }));
        Assert.That(await TestData.CountRowsAsync("subscriptions", account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task A_resource_of_another_database_of_the_account_is_404_and_stores_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var otherDatabase = await TestData.CreateDatabaseAsync(account.Id);
        var resource = await TestData.CreateResourceAsync(otherDatabase);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("resource_id", Id(resource)));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: subscription resource {resource} not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.CountRowsAsync("subscriptions", otherDatabase), Is.Zero);
    }

    [Test]
    public async Task A_resource_of_another_account_is_404_and_stores_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var stranger = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(stranger.DatabaseId);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("resource_id", Id(resource)));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: subscription resource {resource} not found"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
        Assert.That(await TestData.CountRowsAsync("subscriptions", stranger.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task An_unknown_resource_is_404_and_an_existing_profile_is_not_updated()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Changed"), ("resource_id", "2147483647"));

        Assert.That(answer.ToString(), Is.EqualTo($"{NotFound}: subscription resource 2147483647 not found"));
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_changed_email_gets_a_new_subscription_for_the_new_contact()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var created = await ImportApi.ImportAsync(account, ("email", "old@example.com"), ("resource_id", Id(resource)));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());

        var changed = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", created.ProfileId), ("email", "new@example.com"), ("resource_id", Id(resource)));

        Assert.That(changed.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        Assert.That(
            (await SubscriptionsAsync(created.ProfileId)).OrderBy(s => s.Contact, StringComparer.Ordinal),
            Is.EqualTo(new[]
            {
                (resource, "email", "new@example.com", "subscribed"),
                (resource, "email", "old@example.com", "subscribed"),
            }));
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.Email, Is.EqualTo("new@example.com"));
    }

    /// <summary>The stored subscriptions, channel and status in the lowercase the API shows them in.</summary>
    private static async Task<List<(int ResourceId, string Channel, string Contact, string Status)>> SubscriptionsAsync(string profileId) =>
        [.. (await TestData.SubscriptionsAsync(profileId))
            .Select(s => (s.ResourceId, s.Channel.ToLowerInvariant(), s.Contact, s.Status.ToLowerInvariant()))];
}
