using System.Net;
using System.Text.RegularExpressions;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Matching": how each mode finds the profile an import updates, and §4's normalized comparison.</summary>
public sealed class MatchingTests
{
    private const string BadRequest = "Bad request, please verify request parameters";
    private const string NotFound = "No database or subscription resource found";
    private const string Ambiguous = "More than one profiles matches, inaccurate matching";
    private const string NotUnique = "Unable to keep field unique";

    private const string Phone = "+79123456789";

    // ---- zero matches: a new profile ----

    [TestCase("email")]
    [TestCase("email_profile")]
    [TestCase("email_sub")]
    [TestCase("email_phone")]
    public async Task An_email_nobody_holds_creates_a_new_profile(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var existing = await ImportApi.CreateAsync(account, ("email", "other@example.com"));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("email", "new@example.com"), ("_fname", "Ann"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That(answer.ProfileId, Is.Not.EqualTo(existing));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.DatabaseId, Is.EqualTo(account.DatabaseId));
        Assert.That(stored.Email, Is.EqualTo("new@example.com"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("phone")]
    [TestCase("phone_sub")]
    [TestCase("email_phone")]
    public async Task A_phone_nobody_holds_creates_a_new_profile(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var existing = await ImportApi.CreateAsync(account, ("email", "other@example.com"), ("phone", "+79161234567"));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("phone", Phone), ("_fname", "Ann"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That(answer.ProfileId, Is.Not.EqualTo(existing));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Phones, Is.EqualTo(new[] { Phone }));
        Assert.That(stored.Email, Is.Null);
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("field_name")]
    [TestCase("custom")]
    public async Task A_field_value_nobody_holds_creates_a_profile_holding_it(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "crm_id", FieldType.String);
        var existing = await ImportApi.CreateAsync(account, ("email", "a@example.com"), ("crm_id", "CRM-1"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", matching), ("field_name", "crm_id"), ("crm_id", "CRM-2"), ("_fname", "Bob"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That(answer.ProfileId, Is.Not.EqualTo(existing));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Fields["crm_id"]!.GetValue<string>(), Is.EqualTo("CRM-2"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Bob"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Matching_by_an_unknown_profile_id_is_not_found_and_creates_nothing()
    {
        var account = await TestData.CreateAccountAsync();
        const string unknown = "0123456789abcdef01234567";

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", unknown), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(answer.Body, Does.StartWith($"{NotFound}: ").And.Contain(unknown));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task Matching_by_the_profile_id_of_another_accounts_profile_is_not_found()
    {
        var owner = await TestData.CreateAccountAsync();
        var foreign = await ImportApi.CreateAsync(owner, ("email", "owner@example.com"), ("_fname", "Owner"));
        var before = await SnapshotAsync(foreign);
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", foreign), ("_fname", "Intruder"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(answer.Body, Does.StartWith($"{NotFound}: "));
        Assert.That(await SnapshotAsync(foreign), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task Email_sub_does_not_see_profile_emails_so_its_new_profile_collides_with_the_holder()
    {
        var account = await TestData.CreateAccountAsync();
        var holder = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var before = await SnapshotAsync(holder);

        var answer = await ImportApi.ImportAsync(account, ("matching", "email_sub"), ("email", "ann@example.com"), ("_fname", "Ann"));

        Assert.That((int)answer.Status, Is.EqualTo(435));
        Assert.That(answer.Body, Does.Match(ErrorBody(NotUnique)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That(await SnapshotAsync(holder), Is.EqualTo(before));
    }

    [Test]
    public async Task Email_profile_does_not_see_subscription_contacts_and_creates_a_new_profile()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var subscriber = await SubscriberWhoseEmailMovedOnAsync(account, resource, "ann@example.com", "ann.new@example.com");

        var answer = await ImportApi.ImportAsync(account, ("matching", "email_profile"), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.ProfileId, Is.Not.EqualTo(subscriber));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
        Assert.That((await TestData.FindProfileAsync(subscriber))!.Email, Is.EqualTo("ann.new@example.com"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Phone_sub_does_not_see_profile_phones_and_creates_a_new_profile()
    {
        var account = await TestData.CreateAccountAsync();
        var holder = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", Phone));

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone_sub"), ("phone", Phone), ("_fname", "Bob"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.ProfileId, Is.Not.EqualTo(holder));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Phones, Is.EqualTo(new[] { Phone }));
        Assert.That((await TestData.FindProfileAsync(holder))!.Fields.ContainsKey("_fname"), Is.False);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    // ---- one match: that profile is updated ----

    [TestCase("email")]
    [TestCase("email_profile")]
    [TestCase("email_phone")]
    public async Task The_profile_holding_the_email_is_updated(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("email", "ann@example.com"), ("_lname", "Lee"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("email")]
    [TestCase("email_sub")]
    public async Task The_profile_subscribed_with_the_email_is_updated(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var subscriber = await SubscriberWhoseEmailMovedOnAsync(account, resource, "ann@example.com", "ann.new@example.com");

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("email", "ann@example.com"), ("_lname", "Lee"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {subscriber}"));
        var stored = await TestData.FindProfileAsync(subscriber);
        Assert.That(stored!.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(stored.Email, Is.EqualTo("ann@example.com"), "the email sent overwrites the stored one");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase("phone")]
    [TestCase("email_phone")]
    public async Task The_profile_holding_the_phone_is_updated(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", Phone));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", "+79161234567"));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("phone", Phone), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Phones, Is.EqualTo(new[] { Phone }));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("phone")]
    [TestCase("phone_sub")]
    public async Task The_profile_subscribed_with_the_phone_is_updated(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Sms);
        var subscriber = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", Phone), ("resource_id", Id(resource)));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("phone", Phone), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {subscriber}"));
        Assert.That((await TestData.FindProfileAsync(subscriber))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase("field_name")]
    [TestCase("custom")]
    public async Task The_profile_holding_the_field_value_is_updated(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "crm_id", FieldType.String);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("crm_id", "CRM-1"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("crm_id", "CRM-2"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", matching), ("field_name", "crm_id"), ("crm_id", "CRM-1"), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Email, Is.EqualTo("ann@example.com"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task A_unique_custom_field_finds_its_profile_by_value()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "external_id", FieldType.Int, unique: true);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("external_id", "42"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("external_id", "43"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "external_id"), ("external_id", "42"), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["external_id"]!.GetValue<long>(), Is.EqualTo(42));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Field_value_stands_for_the_matched_field_when_the_field_itself_is_not_sent()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "crm_id", FieldType.String);

        var created = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "crm_id"), ("field_value", "CRM-7"), ("_fname", "Ann"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That(created.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.Fields["crm_id"]!.GetValue<string>(), Is.EqualTo("CRM-7"));

        var updated = await ImportApi.ImportAsync(
            account, ("matching", "custom"), ("field_name", "crm_id"), ("field_value", "CRM-7"), ("_lname", "Lee"));

        Assert.That(updated.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        var stored = await TestData.FindProfileAsync(created.ProfileId);
        Assert.That(stored!.Fields["crm_id"]!.GetValue<string>(), Is.EqualTo("CRM-7"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task The_matched_fields_own_parameter_wins_over_field_value()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "crm_id", FieldType.String);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("crm_id", "CRM-1"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("crm_id", "CRM-2"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "crm_id"), ("crm_id", "CRM-1"), ("field_value", "CRM-2"), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Fields["crm_id"]!.GetValue<string>(), Is.EqualTo("CRM-1"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That((await TestData.FindProfileAsync(bob))!.Fields.ContainsKey("_fname"), Is.False);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("_lname", "Lee")]
    [TestCase("email", "ANN@Example.com")]
    public async Task A_system_field_can_be_matched_on_by_name(string field, string value)
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_lname", "Lee"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("_lname", "Smith"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", field), ("field_value", value), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task The_profile_with_the_profile_id_is_updated()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        await ImportApi.CreateAsync(account, ("email", "bob@example.com"));

        var answer = await ImportApi.ImportAsync(account, ("matching", "profile_id"), ("profile_id", ann), ("_lname", "Lee"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var stored = await TestData.FindProfileAsync(ann);
        Assert.That(stored!.Email, Is.EqualTo("ann@example.com"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task A_profile_id_in_upper_case_finds_the_same_profile()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", ann.ToUpperInvariant()), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    // ---- two or more matches: 409, nothing written ----

    [Test]
    public async Task Email_matching_a_profile_email_and_another_profiles_subscription_is_ambiguous()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var subscriber = await SubscriberWhoseEmailMovedOnAsync(account, resource, "ann@example.com", "ann.new@example.com");
        var holder = await ImportApi.CreateAsync(account, ("matching", "email_profile"), ("email", "ann@example.com"));
        var before = await SnapshotAsync(subscriber, holder);

        await AssertAmbiguousAsync(account, [("matching", "email"), ("email", "ann@example.com"), ("_fname", "Ann")], subscriber, holder);

        Assert.That(await SnapshotAsync(subscriber, holder), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Email_sub_matching_two_profiles_subscribed_with_the_email_is_ambiguous()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = await TestData.CreateResourceAsync(account.DatabaseId);
        var first = await SubscriberWhoseEmailMovedOnAsync(account, resource, "ann@example.com", "ann.new@example.com");
        var second = await ImportApi.CreateAsync(
            account, ("matching", "email_profile"), ("email", "ann@example.com"), ("resource_id", Id(resource)));
        Assert.That((await TestData.SubscriptionsAsync(second)).Select(s => s.Contact), Is.EqualTo(new[] { "ann@example.com" }));
        var before = await SnapshotAsync(first, second);

        await AssertAmbiguousAsync(account, [("matching", "email_sub"), ("email", "ann@example.com"), ("_fname", "Ann")], first, second);
        Assert.That(await SnapshotAsync(first, second), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("phone")]
    [TestCase("email_phone")]
    public async Task A_phone_two_profiles_hold_is_ambiguous(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", Phone));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", Phone));
        var before = await SnapshotAsync(ann, bob);

        await AssertAmbiguousAsync(account, [("matching", matching), ("phone", Phone), ("_fname", "Who")], ann, bob);
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Phone_sub_matching_two_profiles_subscribed_with_the_phone_is_ambiguous()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = Id(await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Sms));
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", Phone), ("resource_id", resource));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", Phone), ("resource_id", resource));
        var before = await SnapshotAsync(ann, bob);

        await AssertAmbiguousAsync(account, [("matching", "phone_sub"), ("phone", Phone), ("_fname", "Who")], ann, bob);
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task Email_phone_with_one_profiles_email_and_another_profiles_phone_is_ambiguous()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", Phone));
        var before = await SnapshotAsync(ann, bob);

        await AssertAmbiguousAsync(account, [("matching", "email_phone"), ("email", "ann@example.com"), ("phone", Phone), ("_fname", "Who")], ann, bob);
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [TestCase("field_name")]
    [TestCase("custom")]
    public async Task A_non_unique_field_value_two_profiles_hold_is_ambiguous(string matching)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "company", FieldType.String);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("company", "Acme"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("company", "Acme"));
        var before = await SnapshotAsync(ann, bob);

        await AssertAmbiguousAsync(account, [("matching", matching), ("field_name", "company"), ("company", "Acme"), ("_fname", "Who")], ann, bob);
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    // ---- identifiers compared in normalized form (docs/api.md §4) ----

    [TestCase("email", "ANN@EXAMPLE.COM")]
    [TestCase("email", "  ann@example.com  ")]
    [TestCase("email_profile", "ann@Example.Com")]
    [TestCase("email_phone", "ANN@example.COM")]
    public async Task An_email_matches_whatever_its_case_and_surrounding_spaces(string matching, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "Ann@Example.COM"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Email, Is.EqualTo("Ann@example.com"), "local part kept, domain lowercased");

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("email", sent), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_subscription_email_matches_whatever_its_case()
    {
        var account = await TestData.CreateAccountAsync();
        var resource = Id(await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Email));
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("resource_id", resource));

        var answer = await ImportApi.ImportAsync(account, ("matching", "email_sub"), ("email", "ANN@Example.com"), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase("user@xn--e1afmkfd.xn--p1ai")]
    [TestCase("user@пример.рф")]
    [TestCase("user@ПРИМЕР.РФ")]
    public async Task An_international_domain_is_stored_as_punycode_and_matched_in_any_form(string sent)
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("email", "user@пример.рф"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That((await TestData.FindProfileAsync(created.ProfileId))!.Email, Is.EqualTo("user@xn--e1afmkfd.xn--p1ai"));

        var answer = await ImportApi.ImportAsync(account, ("email", sent), ("_fname", "Ivan"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        var stored = await TestData.FindProfileAsync(created.ProfileId);
        Assert.That(stored!.Email, Is.EqualTo("user@xn--e1afmkfd.xn--p1ai"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ivan"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase("phone", "8 (495) 123-45-67", "+74951234567")]
    [TestCase("phone", "+74951234567", "8 (495) 123-45-67")]
    [TestCase("email_phone", "8 (495) 123-45-67", "+7 495 123 45 67")]
    [TestCase("phone_sub", "8 (495) 123-45-67", "+74951234567")]
    public async Task A_phone_matches_whatever_its_format(string matching, string stored, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        var resource = Id(await TestData.CreateResourceAsync(account.DatabaseId, false, Channel.Sms));
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", stored), ("resource_id", resource));
        Assert.That((await TestData.FindProfileAsync(ann))!.Phones, Is.EqualTo(new[] { "+74951234567" }));

        var answer = await ImportApi.ImportAsync(account, ("matching", matching), ("phone", sent), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        var profile = await TestData.FindProfileAsync(ann);
        Assert.That(profile!.Phones, Is.EqualTo(new[] { "+74951234567" }), "the same number is not added twice");
        Assert.That(profile.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase(FieldType.DateTime, false, "2024-03-01T10:00:00+03:00", "2024-03-01T07:00:00Z")]
    [TestCase(FieldType.DateTime, true, "2024-03-01T10:00:00+03:00", "2024-03-01T07:00:00")]
    [TestCase(FieldType.Bool, false, "yes", "1")]
    [TestCase(FieldType.Int, true, "42", "+42")]
    [TestCase(FieldType.Float, false, "2.5", "2.50")]
    [TestCase(FieldType.Phone, false, "8 (495) 123-45-67", "+74951234567")]
    [TestCase(FieldType.Phone, true, "+74951234567", "8 (495) 123-45-67")]
    [TestCase(FieldType.Email, true, "Bob@Example.com", "bob@example.COM")]
    [TestCase(FieldType.Email, false, "Bob@Example.com", "bob@example.COM")]
    [TestCase(FieldType.Date, false, "2024-02-29", "2024-02-29")]
    public async Task A_typed_field_matches_its_value_in_normalized_form(FieldType type, bool unique, string stored, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "contact_key", type, unique);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("contact_key", stored));

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "contact_key"), ("contact_key", sent), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {ann}"));
        Assert.That((await TestData.FindProfileAsync(ann))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase(FieldType.Json, "{\"plan\":\"pro\",\"seats\":5}", "{\"plan\":\"pro\"}")]
    [TestCase(FieldType.Tags, "vip, early", "vip")]
    public async Task A_field_matches_only_a_profile_holding_exactly_that_value(FieldType type, string stored, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "attributes", type);
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("attributes", stored));
        var before = await SnapshotAsync(ann);

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "attributes"), ("attributes", sent), ("_fname", "New"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That(answer.ProfileId, Is.Not.EqualTo(ann), "a stored value that merely contains the sent one is another value");
        Assert.That(await SnapshotAsync(ann), Is.EqualTo(before));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    // ---- requests the matching cannot serve: 400, nothing written ----

    [TestCase("field_name", "nickname", "nickname")]
    [TestCase("custom", "nickname", "nickname")]
    public async Task Matching_on_a_field_the_database_does_not_have_is_a_bad_request(string matching, string fieldName, string named)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(
            account, ("matching", matching), ("field_name", fieldName), ("field_value", "x"), ("email", "ann@example.com"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(named));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase("field_name", new[] { "email", "ann@example.com" }, "field_name")]
    [TestCase("custom", new[] { "email", "ann@example.com" }, "field_name")]
    [TestCase("field_name", new[] { "field_name", "crm_id", "email", "ann@example.com" }, "crm_id")]
    [TestCase("phone", new[] { "email", "ann@example.com" }, "phone")]
    [TestCase("phone_sub", new[] { "email", "ann@example.com" }, "phone")]
    [TestCase("email", new[] { "phone", Phone }, "email")]
    [TestCase("email_profile", new[] { "phone", Phone }, "email")]
    [TestCase("email_sub", new[] { "phone", Phone }, "email")]
    [TestCase("email_phone", new[] { "_fname", "Ann" }, "email")]
    [TestCase("profile_id", new[] { "email", "ann@example.com" }, "profile_id")]
    [TestCase("bogus", new[] { "email", "ann@example.com" }, "bogus")]
    public async Task A_matching_mode_without_what_it_needs_is_a_bad_request(string matching, string[] pairs, string named)
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "crm_id", FieldType.String);
        var parameters = pairs.Chunk(2).Select(p => (p[0], p[1])).Prepend(("matching", matching)).ToArray();

        var answer = await ImportApi.ImportAsync(account, parameters);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(named));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    // ---- helpers ----

    /// <summary>
    /// A profile subscribed to <paramref name="resource"/> with <paramref name="subscribed"/> whose
    /// profile email is then changed to <paramref name="current"/>: its email-channel subscription
    /// keeps the old address, so only a subscription search finds it by that address.
    /// </summary>
    private static async Task<string> SubscriberWhoseEmailMovedOnAsync(TestAccount account, int resource, string subscribed, string current)
    {
        var id = await ImportApi.CreateAsync(account, ("email", subscribed), ("resource_id", Id(resource)));
        var moved = await ImportApi.ImportAsync(account, ("matching", "profile_id"), ("profile_id", id), ("email", current));
        Assert.That(moved.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        Assert.That((await TestData.FindProfileAsync(id))!.Email, Is.EqualTo(current));
        Assert.That((await TestData.SubscriptionsAsync(id)).Select(s => (s.Channel, s.Contact)), Is.EqualTo(new[] { ("Email", subscribed) }));
        return id;
    }

    private static async Task<List<string>> SnapshotAsync(params string[] ids)
    {
        var rows = new List<string>();
        foreach (var id in ids)
        {
            var profile = await TestData.FindProfileAsync(id);
            var subscriptions = await TestData.SubscriptionsAsync(id);
            rows.Add($"{id}|{profile?.Email}|{string.Join(',', profile?.Phones ?? [])}|{profile?.FieldsJson}|{string.Join(',', subscriptions)}");
        }

        return rows;
    }

    /// <summary>
    /// The import is refused as ambiguous: plain text, then (same request) JSON naming exactly the
    /// expected candidates.
    /// </summary>
    private static async Task AssertAmbiguousAsync(TestAccount account, (string Name, string Value)[] parameters, params string[] candidates)
    {
        var answer = await ImportApi.ImportAsync(account, parameters);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Conflict), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(Ambiguous)));

        using var request = new HttpRequestMessage(HttpMethod.Post, ImportApi.Path)
        {
            Content = ImportApi.Form([("token", account.Token), ("db_id", Id(account.DatabaseId)), .. parameters]),
        };
        var json = await ImportApi.SendAsync(request, acceptJson: true);
        Assert.That(json.Status, Is.EqualTo(HttpStatusCode.Conflict), json.ToString());
        Assert.That(json.Json["error"]!.GetValue<int>(), Is.EqualTo(409));
        Assert.That(json.Json["error_text"]!.GetValue<string>(), Is.EqualTo(Ambiguous));
        Assert.That(json.Json["candidates"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EquivalentTo(candidates));
    }

    /// <summary>An error body: the text of docs/api.md §1's table, optionally followed by ": " and a detail.</summary>
    private static string ErrorBody(string text) => $"^{Regex.Escape(text)}(: .+)?$";
}
