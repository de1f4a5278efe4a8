using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Faults;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Uniqueness": email and unique fields are unique per database; a conflict is a 435 and writes nothing.</summary>
public sealed class UniquenessTests
{
    private const string NotUnique = "Unable to keep field unique";

    [Test]
    public async Task Matching_by_phone_while_sending_another_profiles_email_is_435_and_changes_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        var bob = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("_fname", "Bob"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "ann@example.com"), ("_fname", "Robert"));

        Assert.That(answer.ToString(), Is.EqualTo($"435 {NotUnique}: field 'email' already holds this value in profile {ann}"));
        var storedBob = await TestData.FindProfileAsync(bob);
        Assert.That(storedBob!.Email, Is.Null, "the conflicting email was not given to the matched profile");
        Assert.That(storedBob.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Bob"), "the other fields of the refused import were not written either");
        var storedAnn = await TestData.FindProfileAsync(ann);
        Assert.That(storedAnn!.Email, Is.EqualTo("ann@example.com"));
        Assert.That(storedAnn.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task An_email_taken_by_a_transaction_that_commits_while_the_import_claims_it_makes_the_import_run_again_and_update_that_profile()
    {
        var account = await TestData.CreateAccountAsync();
        const string holder = "0123456789abcdef01234567";
        Task<ApiAnswer> importing;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            await competitor.HoldUniqueValueAsync(account.DatabaseId, "email", "late@example.com", holder);

            // The import's search does not see the uncommitted holder; its claim, sent with its COMMIT, waits for it.
            importing = ImportApi.ImportAsync(account, ("email", "late@example.com"), ("_fname", "Late"));
            await CompetingTransaction.WaitForAWaiterAsync();
            await competitor.CommitAsync();
        }

        var answer = await importing;

        // Run again, the import finds the email's holder and updates it, as if it had come second.
        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {holder}"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), "only the competitor's profile");
        Assert.That((await TestData.FindProfileAsync(holder))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Late"));
    }

    [Test]
    public async Task An_email_another_profile_takes_while_the_import_claims_it_for_the_profile_matched_by_phone_is_435_and_writes_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        var bob = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("_fname", "Bob"));
        const string holder = "0123456789abcdef01234568";
        Task<ApiAnswer> importing;
        await using (var competitor = await CompetingTransaction.BeginAsync())
        {
            await competitor.HoldUniqueValueAsync(account.DatabaseId, "email", "late@example.com", holder);
            importing = ImportApi.ImportAsync(
                account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "late@example.com"), ("_fname", "Robert"));
            await CompetingTransaction.WaitForAWaiterAsync();
            await competitor.CommitAsync();
        }

        var answer = await importing;

        Assert.That(answer.ToString(), Is.EqualTo($"435 {NotUnique}: field 'email' already holds this value in profile {holder}"));
        var storedBob = await TestData.FindProfileAsync(bob);
        Assert.That(storedBob!.Email, Is.Null);
        Assert.That(storedBob.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Bob"));
    }

    [Test]
    public async Task Matching_by_profile_id_while_sending_another_profiles_email_is_435()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("_lname", "Brown"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", bob), ("email", "ann@example.com"), ("_lname", "Black"));

        Assert.That(answer.ToString(), Is.EqualTo($"435 {NotUnique}: field 'email' already holds this value in profile {ann}"));
        var storedBob = await TestData.FindProfileAsync(bob);
        Assert.That(storedBob!.Email, Is.EqualTo("bob@example.com"));
        Assert.That(storedBob.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Brown"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Email, Is.EqualTo("ann@example.com"));
    }

    [Test]
    public async Task Creating_a_second_profile_with_a_taken_unique_field_value_is_435_and_stores_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("customer_id", "C-1"));

        var answer = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("customer_id", "C-1"));

        Assert.That(answer.ToString(), Is.EqualTo($"435 {NotUnique}: field 'customer_id' already holds this value in profile {ann}"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That(await TestData.CountProfilesByEmailAsync(account.DatabaseId, "bob@example.com"), Is.Zero);
    }

    [Test]
    public async Task Updating_a_profile_to_another_profiles_unique_field_value_is_435_and_keeps_its_own()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("customer_id", "C-1"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("customer_id", "C-2"));

        var answer = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("customer_id", "C-1"));

        Assert.That(answer.ToString(), Is.EqualTo($"435 {NotUnique}: field 'customer_id' already holds this value in profile {ann}"));
        Assert.That((await TestData.FindProfileAsync(bob))!.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-2"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-1"));

        var ownValue = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("customer_id", "C-2"), ("_fname", "Bob"));
        Assert.That(ownValue.ToString(), Is.EqualTo($"200 Successfully added {bob}"), "sending a profile its own unique value is no conflict");
    }

    [Test]
    public async Task Email_uniqueness_ignores_case()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "A@x.com"));
        var bob = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));

        var update = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "a@X.COM"));
        var create = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79167654321"), ("email", "a@X.COM"));

        var expected = $"435 {NotUnique}: field 'email' already holds this value in profile {ann}";
        Assert.That(update.ToString(), Is.EqualTo(expected), "update of another profile");
        Assert.That(create.ToString(), Is.EqualTo(expected), "creation of a new profile");
        Assert.That((await TestData.FindProfileAsync(bob))!.Email, Is.Null);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task A_value_a_profile_gave_up_is_free_for_another_profile()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "a@example.com"));

        var changed = await ImportApi.ImportAsync(account, ("matching", "profile_id"), ("profile_id", ann), ("email", "b@example.com"));
        Assert.That(changed.ToString(), Is.EqualTo($"200 Successfully added {ann}"));

        var other = await ImportApi.ImportAsync(account, ("email", "a@example.com"), ("_fname", "Other"));
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK), other.ToString());
        Assert.That(other.ProfileId, Is.Not.EqualTo(ann), "the old email no longer finds the profile that gave it up");
        Assert.That((await TestData.FindProfileAsync(other.ProfileId))!.Email, Is.EqualTo("a@example.com"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Email, Is.EqualTo("b@example.com"));

        var newValueTaken = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "b@example.com"));
        Assert.That(newValueTaken.ToString(), Is.EqualTo($"435 {NotUnique}: field 'email' already holds this value in profile {ann}"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task A_unique_field_value_given_up_is_free_for_another_profile()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("customer_id", "C-1"));
        var moved = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("customer_id", "C-9"));
        Assert.That(moved.ToString(), Is.EqualTo($"200 Successfully added {ann}"));

        var bob = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("customer_id", "C-1"));

        Assert.That(bob.Status, Is.EqualTo(HttpStatusCode.OK), bob.ToString());
        Assert.That((await TestData.FindProfileAsync(bob.ProfileId))!.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-1"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-9"));
    }

    [Test]
    public async Task The_same_unique_values_in_two_databases_of_an_account_are_no_conflict()
    {
        var account = await TestData.CreateAccountAsync();
        var second = account with { DatabaseId = await TestData.CreateDatabaseAsync(account.Id) };
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        await TestData.AddFieldAsync(second.DatabaseId, "customer_id", FieldType.String, unique: true);

        var first = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("customer_id", "C-1"));
        var other = await ImportApi.ImportAsync(second, ("email", "ann@example.com"), ("customer_id", "C-1"));

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK), other.ToString());
        Assert.That(other.ProfileId, Is.Not.EqualTo(first.ProfileId));
        var storedFirst = await TestData.FindProfileAsync(first.ProfileId);
        var storedOther = await TestData.FindProfileAsync(other.ProfileId);
        Assert.That((storedFirst!.DatabaseId, storedFirst.Email), Is.EqualTo((account.DatabaseId, "ann@example.com")));
        Assert.That((storedOther!.DatabaseId, storedOther.Email), Is.EqualTo((second.DatabaseId, "ann@example.com")));
        Assert.That(storedOther.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-1"));
    }

    [Test]
    public async Task A_435_writes_no_field_subscription_or_automation_run()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);
        var workflow = await TestData.CreateAutomationAsync(AutomationKind.Workflow, account.Id, account.DatabaseId);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var bob = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("_fname", "Bob"));

        var update = await ImportApi.ImportAsync(
            account,
            ("matching", "phone"),
            ("phone", "+79161234567"),
            ("email", "ann@example.com"),
            ("_fname", "Robert"),
            ("resource_id", Id(resource)),
            ("trigger_id", Id(trigger)),
            ("workflow_id", Id(workflow)));
        var create = await ImportApi.ImportAsync(
            account,
            ("matching", "phone"),
            ("phone", "+79167654321"),
            ("email", "ann@example.com"),
            ("resource_id", Id(resource)),
            ("trigger_id", Id(trigger)),
            ("workflow_id", Id(workflow)));

        var expected = $"435 {NotUnique}: field 'email' already holds this value in profile {ann}";
        Assert.That(update.ToString(), Is.EqualTo(expected));
        Assert.That(create.ToString(), Is.EqualTo(expected));
        var storedBob = await TestData.FindProfileAsync(bob);
        Assert.That(storedBob!.Email, Is.Null);
        Assert.That(storedBob.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Bob"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
        Assert.That(await TestData.CountRowsAsync("subscriptions", account.DatabaseId), Is.Zero);
        Assert.That(await TestData.AutomationRunsAsync(trigger), Is.Empty);
        Assert.That(await TestData.AutomationRunsAsync(workflow), Is.Empty);
    }

    [Test]
    public async Task The_json_form_of_a_435_names_the_field_and_the_conflicting_profile()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("customer_id", "C-1"));
        var bob = await ImportApi.CreateAsync(account, ("matching", "phone"), ("phone", "+79161234567"));

        var byEmail = await ImportJsonAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("email", "ann@example.com"));
        var byField = await ImportJsonAsync(account, ("matching", "phone"), ("phone", "+79161234567"), ("customer_id", "C-1"));

        Assert.That(byEmail.Status, Is.EqualTo((HttpStatusCode)435));
        Assert.That(byEmail.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(JsonNode.DeepEquals(byEmail.Json, Conflict("email", ann)), Is.True, byEmail.Body);
        Assert.That(byField.Status, Is.EqualTo((HttpStatusCode)435));
        Assert.That(JsonNode.DeepEquals(byField.Json, Conflict("customer_id", ann)), Is.True, byField.Body);
        var storedBob = await TestData.FindProfileAsync(bob);
        Assert.That(storedBob!.Email, Is.Null);
        Assert.That(storedBob.Fields.ContainsKey("customer_id"), Is.False);
    }

    private static JsonObject Conflict(string field, string holder) => new()
    {
        ["error"] = 435,
        ["error_text"] = NotUnique,
        ["details"] = $"field '{field}' already holds this value in profile {holder}",
        ["field"] = field,
        ["conflicting_profile_id"] = holder,
    };

    private static async Task<ApiAnswer> ImportJsonAsync(TestAccount account, params (string Name, string Value)[] parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ImportApi.Path)
        {
            Content = ImportApi.Form([("token", account.Token), ("db_id", Id(account.DatabaseId)), .. parameters]),
        };
        return await ImportApi.SendAsync(request, acceptJson: true);
    }
}
