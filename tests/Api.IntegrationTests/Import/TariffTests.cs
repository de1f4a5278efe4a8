using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Tariff": the account's profile limit, and where its two 402s stand in the order of checks.</summary>
public sealed class TariffTests
{
    private static string LimitReached(int limit) => $"402 Tariff account limit reached: the account holds its limit of {limit} profiles";

    private static string LimitExceeded(int limit) => $"402 Account exceeds tariff limits: the account holds more than its limit of {limit} profiles";

    [Test]
    public async Task A_create_beyond_the_limit_is_402_and_stores_nothing()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 2);
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        await ImportApi.CreateAsync(account, ("email", "one@example.com"));
        await ImportApi.CreateAsync(account, ("email", "two@example.com"));

        var third = await ImportApi.ImportAsync(
            account, ("email", "three@example.com"), ("trigger_id", Id(trigger)), ("resource_id", Id(resource)));

        Assert.That(third.ToString(), Is.EqualTo(LimitReached(2)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
        Assert.That(await TestData.CountProfilesByEmailAsync(account.DatabaseId, "three@example.com"), Is.Zero);
        Assert.That(await TestData.CountRowsAsync("subscriptions", account.DatabaseId), Is.Zero);
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
    }

    [Test]
    public async Task Updates_at_the_limit_are_allowed()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 2);
        var one = await ImportApi.CreateAsync(account, ("email", "one@example.com"));
        var two = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));

        var first = await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "One"));
        var second = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("_fname", "Two"));
        var byId = await ImportApi.ImportAsync(account, ("matching", "profile_id"), ("profile_id", two), ("_lname", "Second"));

        Assert.That(first.ToString(), Is.EqualTo($"200 Successfully added {one}"));
        Assert.That(second.ToString(), Is.EqualTo($"200 Successfully added {two}"));
        Assert.That(byId.ToString(), Is.EqualTo($"200 Successfully added {two}"));
        Assert.That((await TestData.FindProfileAsync(one))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("One"));
        var storedTwo = await TestData.FindProfileAsync(two);
        Assert.That(storedTwo!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Two"));
        Assert.That(storedTwo.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Second"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task The_limit_counts_the_profiles_of_every_database_of_the_account()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 2);
        var second = account with { DatabaseId = await TestData.CreateDatabaseAsync(account.Id) };
        await ImportApi.CreateAsync(account, ("email", "one@example.com"));
        await ImportApi.CreateAsync(second, ("email", "two@example.com"));

        var inFirst = await ImportApi.ImportAsync(account, ("email", "three@example.com"));
        var inSecond = await ImportApi.ImportAsync(second, ("email", "three@example.com"));

        Assert.That(inFirst.ToString(), Is.EqualTo(LimitReached(2)));
        Assert.That(inSecond.ToString(), Is.EqualTo(LimitReached(2)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That(await TestData.CountProfilesAsync(second.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task Any_import_is_402_while_the_account_holds_more_than_a_lowered_limit()
    {
        var account = await TestData.CreateAccountAsync();
        var one = await ImportApi.CreateAsync(account, ("email", "one@example.com"), ("_fname", "One"));
        await ImportApi.CreateAsync(account, ("email", "two@example.com"));
        await TestData.SetProfileLimitAsync(account.Id, 1);

        var update = await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "Changed"));
        var byId = await ImportApi.ImportAsync(account, ("matching", "profile_id"), ("profile_id", one), ("_fname", "Changed"));
        var create = await ImportApi.ImportAsync(account, ("email", "three@example.com"));

        Assert.That(update.ToString(), Is.EqualTo(LimitExceeded(1)));
        Assert.That(byId.ToString(), Is.EqualTo(LimitExceeded(1)));
        Assert.That(create.ToString(), Is.EqualTo(LimitExceeded(1)));
        Assert.That((await TestData.FindProfileAsync(one))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("One"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Raising_the_limit_again_lets_imports_through()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 2);
        var one = await ImportApi.CreateAsync(account, ("email", "one@example.com"));
        await ImportApi.CreateAsync(account, ("email", "two@example.com"));
        await TestData.SetProfileLimitAsync(account.Id, 1);
        Assert.That((await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "One"))).ToString(), Is.EqualTo(LimitExceeded(1)));

        await TestData.SetProfileLimitAsync(account.Id, 3);
        var update = await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "One"));
        var create = await ImportApi.ImportAsync(account, ("email", "three@example.com"));
        var beyond = await ImportApi.ImportAsync(account, ("email", "four@example.com"));

        Assert.That(update.ToString(), Is.EqualTo($"200 Successfully added {one}"));
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.OK), create.ToString());
        Assert.That(beyond.ToString(), Is.EqualTo(LimitReached(3)));
        Assert.That((await TestData.FindProfileAsync(one))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("One"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(3));
    }

    [Test]
    public async Task A_limit_lowered_to_exactly_the_count_allows_updates_but_no_creates()
    {
        var account = await TestData.CreateAccountAsync();
        var one = await ImportApi.CreateAsync(account, ("email", "one@example.com"));
        await ImportApi.CreateAsync(account, ("email", "two@example.com"));
        await TestData.SetProfileLimitAsync(account.Id, 2);

        var update = await ImportApi.ImportAsync(account, ("email", "one@example.com"), ("_fname", "One"));
        var create = await ImportApi.ImportAsync(account, ("email", "three@example.com"));

        Assert.That(update.ToString(), Is.EqualTo($"200 Successfully added {one}"));
        Assert.That(create.ToString(), Is.EqualTo(LimitReached(2)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Without_a_limit_creates_are_unlimited()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 1);
        await ImportApi.CreateAsync(account, ("email", "first@example.com"));
        await TestData.SetProfileLimitAsync(account.Id, null);

        for (var i = 0; i < 12; i++)
        {
            var answer = await ImportApi.ImportAsync(account, ("email", $"user{i}@example.com"));
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        }

        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(13));
    }

    [Test]
    public async Task An_ambiguous_match_at_an_account_over_its_limit_is_answered_402_exceeded()
    {
        var account = await TestData.CreateAccountAsync();
        var byEmail = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var byPhone = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));
        (string, string)[] ambiguous = [("matching", "email_phone"), ("email", "ann@example.com"), ("phone", "+79161234567")];
        var candidates = string.Join(", ", new[] { byEmail, byPhone }.Order(StringComparer.Ordinal));
        var beforeLowering = await ImportApi.ImportAsync(account, ambiguous);
        Assert.That(
            beforeLowering.ToString(),
            Is.EqualTo($"409 More than one profiles matches, inaccurate matching: 2 profiles match: {candidates}"),
            "the request is ambiguous while the account is within its limit");

        await TestData.SetProfileLimitAsync(account.Id, 1);
        var answer = await ImportApi.ImportAsync(account, ambiguous);

        Assert.That(answer.ToString(), Is.EqualTo(LimitExceeded(1)));
        Assert.That((await TestData.FindProfileAsync(byEmail))!.Phones, Is.Empty);
        Assert.That((await TestData.FindProfileAsync(byPhone))!.Email, Is.Null);
    }

    [Test]
    public async Task A_uniqueness_conflict_on_a_create_at_the_limit_is_answered_435()
    {
        var account = await TestData.CreateAccountAsync(profileLimit: 2);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"));

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "ann@example.com"));

        Assert.That(answer.ToString(), Is.EqualTo($"435 Unable to keep field unique: field 'email' already holds this value in profile {ann}"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
        Assert.That((await TestData.FindProfileAsync(ann))!.Phones, Is.Empty);
    }
}
