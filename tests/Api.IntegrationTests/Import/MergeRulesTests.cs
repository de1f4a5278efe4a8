using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Fields;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1 "Updates" and §3: how an import's values are merged into a profile and stored in typed form.</summary>
public sealed class MergeRulesTests
{
    private const string BadRequest = "Bad request, please verify request parameters";

    private const string CustomField = "loyalty_value";

    [Test]
    public async Task Sent_fields_overwrite_and_absent_fields_stay()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"), ("_lname", "Lee"), ("_city", "Paris"));

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Anna"), ("_lang", "fr"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        var fields = (await TestData.FindProfileAsync(id))!.Fields;
        Assert.That(fields["_fname"]!.GetValue<string>(), Is.EqualTo("Anna"));
        Assert.That(fields["_lname"]!.GetValue<string>(), Is.EqualTo("Lee"));
        Assert.That(fields["_city"]!.GetValue<string>(), Is.EqualTo("Paris"));
        Assert.That(fields["_lang"]!.GetValue<string>(), Is.EqualTo("fr"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase("_fname", null, "Ann")]
    [TestCase("_bdate", null, "1990-05-01")]
    [TestCase(CustomField, FieldType.Int, "42")]
    [TestCase(CustomField, FieldType.Bool, "true")]
    [TestCase(CustomField, FieldType.Tags, "a,b")]
    [TestCase(CustomField, FieldType.Email, "ann.work@example.com")]
    public async Task An_empty_value_never_erases_a_stored_one(string name, FieldType? customType, string value)
    {
        var account = await TestData.CreateAccountAsync();
        if (customType is { } type)
        {
            await TestData.AddFieldAsync(account.DatabaseId, name, type);
        }

        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), (name, value), ("phone", "+79123456789"));
        var before = await TestData.FindProfileAsync(id);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (name, string.Empty), ("phone", string.Empty));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        var after = await TestData.FindProfileAsync(id);
        Assert.That(after!.FieldsJson, Is.EqualTo(before!.FieldsJson));
        Assert.That(after.Phones, Is.EqualTo(new[] { "+79123456789" }));
        Assert.That(after.Email, Is.EqualTo("ann@example.com"));
    }

    [Test]
    public async Task An_empty_email_does_not_erase_the_stored_email()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", "+79123456789"));

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79123456789"), ("email", string.Empty), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        var stored = await TestData.FindProfileAsync(id);
        Assert.That(stored!.Email, Is.EqualTo("ann@example.com"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
    }

    [Test]
    public async Task A_phone_is_added_to_phones_once_and_a_new_one_is_appended()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", "+74951234567"));

        var same = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("phone", "8 (495) 123-45-67"));
        Assert.That(same.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        Assert.That((await TestData.FindProfileAsync(id))!.Phones, Is.EqualTo(new[] { "+74951234567" }));

        var other = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("phone", "+79123456789"));
        Assert.That(other.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        Assert.That((await TestData.FindProfileAsync(id))!.Phones, Is.EqualTo(new[] { "+74951234567", "+79123456789" }));

        var again = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("phone", "+74951234567"));
        Assert.That(again.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        Assert.That((await TestData.FindProfileAsync(id))!.Phones, Is.EqualTo(new[] { "+74951234567", "+79123456789" }));
    }

    [Test]
    public async Task Regdate_is_set_at_creation_and_kept_by_updates()
    {
        var account = await TestData.CreateAccountAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var after = DateTimeOffset.UtcNow.AddSeconds(2);

        var regdate = (await TestData.FindProfileAsync(id))!.Fields["_regdate"]!.GetValue<string>();
        var parsed = DateTimeOffset.Parse(regdate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.That(parsed, Is.InRange(before, after), regdate);

        // Past the second boundary, so an update that rewrote it would show.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        var stored = await TestData.FindProfileAsync(id);
        Assert.That(stored!.Fields["_regdate"]!.GetValue<string>(), Is.EqualTo(regdate));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
    }

    [Test]
    public async Task Sending_regdate_is_a_bad_request_on_create_and_on_update()
    {
        var account = await TestData.CreateAccountAsync();

        var create = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regdate", "2020-01-01T00:00:00Z"));

        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(create.Body, Does.StartWith($"{BadRequest}: ").And.Contain("_regdate"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);

        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var stored = await TestData.FindProfileAsync(id);

        var update = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_regdate", "2020-01-01T00:00:00Z"), ("_fname", "Ann"));

        Assert.That(update.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(update.Body, Does.StartWith($"{BadRequest}: ").And.Contain("_regdate"));
        Assert.That((await TestData.FindProfileAsync(id))!.FieldsJson, Is.EqualTo(stored!.FieldsJson));
    }

    [TestCase(FieldType.String, "hello", "\"hello\"")]
    [TestCase(FieldType.Int, "42", "42")]
    [TestCase(FieldType.Int, "-7", "-7")]
    [TestCase(FieldType.Float, "2.5", "2.5")]
    [TestCase(FieldType.Bool, "true", "true")]
    [TestCase(FieldType.Bool, "yes", "true")]
    [TestCase(FieldType.Bool, "1", "true")]
    [TestCase(FieldType.Bool, "false", "false")]
    [TestCase(FieldType.Bool, "no", "false")]
    [TestCase(FieldType.Bool, "0", "false")]
    [TestCase(FieldType.Date, "2024-02-29", "\"2024-02-29\"")]
    [TestCase(FieldType.DateTime, "2024-03-01T10:00:00+03:00", "\"2024-03-01T07:00:00Z\"")]
    [TestCase(FieldType.DateTime, "2024-03-01T10:00:00Z", "\"2024-03-01T10:00:00Z\"")]
    [TestCase(FieldType.DateTime, "2024-03-01T10:00:00", "\"2024-03-01T10:00:00Z\"")]
    [TestCase(FieldType.Enum, "pro", "\"pro\"")]
    [TestCase(FieldType.Tags, "a, b|c;d", "[\"a\",\"b\",\"c\",\"d\"]")]
    [TestCase(FieldType.Tags, "[\"x\",\"y\"]", "[\"x\",\"y\"]")]
    [TestCase(FieldType.Json, "{\"k\":[1,true]}", "{\"k\":[1,true]}")]
    [TestCase(FieldType.Email, "Bob@Example.COM", "\"Bob@example.com\"")]
    [TestCase(FieldType.Phone, "8 (495) 123-45-67", "\"+74951234567\"")]
    [TestCase(FieldType.Ip, "10.0.0.1", "\"10.0.0.1\"")]
    [TestCase(FieldType.Ip, "2001:DB8::1", "\"2001:db8::1\"")]
    public async Task A_custom_field_is_stored_in_its_typed_json_form(FieldType type, string sent, string expectedJson)
    {
        var account = await TestData.CreateAccountAsync();
        await AddCustomFieldAsync(account, type);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (CustomField, sent));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        AssertJson((await TestData.FindProfileAsync(answer.ProfileId))!.Fields[CustomField], expectedJson);
    }

    [TestCase("male", "male")]
    [TestCase("female", "female")]
    [TestCase("1", "male")]
    [TestCase("2", "female")]
    public async Task Sex_is_stored_as_male_or_female_also_when_sent_as_altcraft_numbers(string sent, string stored)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_sex", sent));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Fields["_sex"]!.GetValue<string>(), Is.EqualTo(stored));
    }

    [Test]
    public async Task Sex_zero_means_not_specified_and_keeps_a_stored_value()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_sex", "female"));

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_sex", "0"));

        Assert.That(answer.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        Assert.That((await TestData.FindProfileAsync(id))!.Fields["_sex"]!.GetValue<string>(), Is.EqualTo("female"));
    }

    [Test]
    public async Task Repeated_tags_keys_in_one_form_are_collected_into_one_array()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "interests", FieldType.Tags);

        var answer = await ImportApi.ImportAsync(
            account, ("email", "ann@example.com"), ("interests", "music"), ("interests", "books, film"), ("interests", "music"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        AssertJson((await TestData.FindProfileAsync(answer.ProfileId))!.Fields["interests"], "[\"music\",\"books\",\"film\"]");
    }

    [TestCase(FieldType.Int, "abc")]
    [TestCase(FieldType.Int, "4.2")]
    [TestCase(FieldType.Int, "99999999999999999999")]
    [TestCase(FieldType.Float, "abc")]
    [TestCase(FieldType.Float, "1,5")]
    [TestCase(FieldType.Float, "NaN")]
    [TestCase(FieldType.Float, "Infinity")]
    [TestCase(FieldType.Bool, "maybe")]
    [TestCase(FieldType.Date, "2024-02-30")]
    [TestCase(FieldType.Date, "01.02.2024")]
    [TestCase(FieldType.DateTime, "yesterday")]
    [TestCase(FieldType.DateTime, "2024-03-01 25:00:00")]
    [TestCase(FieldType.Enum, "gold")]
    [TestCase(FieldType.Tags, "[1,2]")]
    [TestCase(FieldType.Json, "{bad")]
    [TestCase(FieldType.Email, "not-an-email")]
    [TestCase(FieldType.Phone, "12")]
    [TestCase(FieldType.Ip, "999.1.1.1")]
    public async Task A_value_that_does_not_parse_for_its_type_is_refused_naming_the_field(FieldType type, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        await AddCustomFieldAsync(account, type);

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"), (CustomField, sent));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(CustomField));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase("_bdate", "1990-13-01")]
    [TestCase("_sex", "other")]
    [TestCase("_regip", "not-an-ip")]
    [TestCase("email", "ann@@example.com")]
    [TestCase("phone", "not a phone")]
    public async Task A_bad_system_field_value_on_update_leaves_the_profile_untouched(string name, string sent)
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("matching", "email"), ("email", "ann@example.com"), ("_fname", "Ann"));
        var before = await TestData.FindProfileAsync(id);

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", id), ("_fname", "Changed"), (name, sent));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(name));
        var after = await TestData.FindProfileAsync(id);
        Assert.That(after!.FieldsJson, Is.EqualTo(before!.FieldsJson));
        Assert.That(after.Email, Is.EqualTo(before.Email));
        Assert.That(after.Phones, Is.EqualTo(before.Phones));
    }

    [Test]
    public async Task A_required_field_is_needed_to_create_but_not_to_update()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_no", FieldType.String, required: true);

        var missing = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));

        Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(missing.Body, Does.StartWith($"{BadRequest}: ").And.Contain("customer_no"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);

        var emptyIsMissing = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("customer_no", string.Empty));

        Assert.That(emptyIsMissing.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(emptyIsMissing.Body, Does.StartWith($"{BadRequest}: ").And.Contain("customer_no"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);

        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("customer_no", "C-1"));
        var update = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));

        Assert.That(update.ToString(), Is.EqualTo($"200 Successfully added {id}"));
        var stored = await TestData.FindProfileAsync(id);
        Assert.That(stored!.Fields["customer_no"]!.GetValue<string>(), Is.EqualTo("C-1"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
    }

    [TestCase("nickname")]
    [TestCase("_middle_name")]
    [TestCase("fname")]
    public async Task An_unknown_parameter_is_refused_naming_it(string name)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), (name, "x"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(name));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase]
    [TestCase("_fname", "")]
    [TestCase("request_id", "r-1")]
    [TestCase("phone", "")]
    public async Task A_request_without_any_database_field_is_a_bad_request(params string[] pairs)
    {
        var account = await TestData.CreateAccountAsync();
        var parameters = pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray();

        var answer = await ImportApi.ImportAsync(account, parameters);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: "));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task An_update_by_profile_id_that_sets_no_field_is_a_bad_request()
    {
        var account = await TestData.CreateAccountAsync();
        var id = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        var before = await TestData.FindProfileAsync(id);

        var answer = await ImportApi.ImportAsync(
            account, ("matching", "profile_id"), ("profile_id", id), ("_lname", string.Empty), ("request_id", "r-1"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: "));
        Assert.That((await TestData.FindProfileAsync(id))!.FieldsJson, Is.EqualTo(before!.FieldsJson));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    /// <summary>The custom field under test; an enum one offers "basic" and "pro" (only enums have options).</summary>
    private static Task AddCustomFieldAsync(TestAccount account, FieldType type) =>
        type == FieldType.Enum
            ? TestData.AddFieldAsync(account.DatabaseId, CustomField, type, false, false, "basic", "pro")
            : TestData.AddFieldAsync(account.DatabaseId, CustomField, type);

    private static void AssertJson(JsonNode? actual, string expectedJson) =>
        Assert.That(
            JsonNode.DeepEquals(actual, JsonNode.Parse(expectedJson)),
            Is.True,
            $"stored {actual?.ToJsonString() ?? "nothing"}, expected {expectedJson}");
}
