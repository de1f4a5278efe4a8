using System.Net;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2 and §3: <c>GET/POST /api/admin/databases/{id}/fields</c>.</summary>
public sealed class FieldsTests
{
    /// <summary>docs/api.md §3's system fields, in its order.</summary>
    private static readonly string[] SystemFieldNames =
    [
        "email", "phones", "_fname", "_lname", "_mname", "_sex", "_bdate", "_regdate", "_regip", "_ip", "_regurl",
        "_regcountry", "_regcity", "_region", "_tz", "_postal_code", "_country", "_city", "_lang", "_vendor", "_browser", "_os",
    ];

    private static readonly string[] FieldMembers = ["name", "type", "unique", "required", "system", "options"];

    [Test]
    public async Task A_new_database_lists_every_system_field_and_nothing_else()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Get, $"databases/{account.DatabaseId}/fields");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        var fields = answer.Array.Select(f => f!.AsObject()).ToList();
        Assert.That(fields.Select(f => f["name"]!.GetValue<string>()), Is.EqualTo(SystemFieldNames));
        Assert.That(fields.Select(f => f.Select(m => m.Key)), Is.All.EquivalentTo(FieldMembers));
        Assert.That(fields.Select(f => f["system"]!.GetValue<bool>()), Is.All.True);
        Assert.That(fields.Select(f => f["required"]!.GetValue<bool>()), Is.All.False);
        Assert.That(
            fields.Where(f => f["unique"]!.GetValue<bool>()).Select(f => f["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { "email" }));
    }

    [TestCase("email", "email")]
    [TestCase("_fname", "string")]
    [TestCase("_sex", "enum")]
    [TestCase("_bdate", "date")]
    [TestCase("_regdate", "datetime")]
    [TestCase("_regip", "ip")]
    [TestCase("_ip", "ip")]
    [TestCase("_regcountry", "string")]
    public async Task A_system_field_shows_its_type(string name, string type)
    {
        var account = await TestData.CreateAccountAsync();

        var fields = await AdminApi.FieldsAsync(account.DatabaseId);

        var field = fields.Single(f => f!["name"]!.GetValue<string>() == name)!;
        Assert.That(field["type"]!.GetValue<string>(), Is.EqualTo(type), field.ToJsonString());
    }

    [Test]
    public async Task The_sex_field_lists_its_options()
    {
        var account = await TestData.CreateAccountAsync();

        var fields = await AdminApi.FieldsAsync(account.DatabaseId);

        var sex = fields.Single(f => f!["name"]!.GetValue<string>() == "_sex")!;
        Assert.That(sex["options"]!.AsArray().Select(o => o!.GetValue<string>()), Is.SupersetOf(new[] { "male", "female" }));
    }

    [TestCase("crm_id", "string", true, false, null)]
    [TestCase("age", "int", false, true, null)]
    [TestCase("score", "float", false, false, null)]
    [TestCase("vip", "bool", false, false, null)]
    [TestCase("since", "date", false, false, null)]
    [TestCase("seen_at", "datetime", false, false, null)]
    [TestCase("plan", "enum", false, false, new[] { "basic", "pro" })]
    [TestCase("interests", "tags", false, false, null)]
    [TestCase("attributes", "json", false, false, null)]
    [TestCase("work_email", "email", true, false, null)]
    [TestCase("mobile", "phone", false, false, null)]
    [TestCase("last_ip", "ip", false, false, null)]
    public async Task Create_answers_201_with_the_field_and_lists_it_after_the_system_fields(
        string name, string type, bool unique, bool required, string[]? options)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(
            HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody(name, type, unique, required, options));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        var expected = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["unique"] = unique,
            ["required"] = required,
            ["system"] = false,
            ["options"] = new JsonArray([.. (options ?? []).Select(o => (JsonNode)JsonValue.Create(o))]),
        };
        Assert.That(JsonNode.DeepEquals(answer.Json, expected), Is.True, answer.ToString());
        var listed = await AdminApi.FieldsAsync(account.DatabaseId);
        Assert.That(listed, Has.Count.EqualTo(SystemFieldNames.Length + 1));
        Assert.That(JsonNode.DeepEquals(listed[^1], expected), Is.True, listed.ToJsonString());
    }

    [Test]
    public async Task Custom_fields_are_listed_in_the_order_they_were_added()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "zeta", "string");
        await AdminApi.CreateFieldAsync(account.DatabaseId, "alpha", "int");
        await AdminApi.CreateFieldAsync(account.DatabaseId, "mid", "bool");

        var fields = await AdminApi.FieldsAsync(account.DatabaseId);

        Assert.That(
            fields.Select(f => f!["name"]!.GetValue<string>()),
            Is.EqualTo(SystemFieldNames.Concat(["zeta", "alpha", "mid"])));
        Assert.That(fields.Skip(SystemFieldNames.Length).Select(f => f!["system"]!.GetValue<bool>()), Is.All.False);
    }

    [Test]
    public async Task A_field_belongs_to_its_database_only()
    {
        var account = await TestData.CreateAccountAsync();
        var other = await TestData.CreateDatabaseAsync(account.Id);

        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string");

        Assert.That(await AdminApi.FieldsAsync(other), Has.Count.EqualTo(SystemFieldNames.Length));
        var created = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{other}/fields", AdminApi.FieldBody("crm_id", "int"));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
    }

    [TestCase("crm_id")]
    [TestCase("CRM_ID")]
    [TestCase("Crm_Id")]
    [TestCase("email")]
    [TestCase("EMAIL")]
    [TestCase("Phones")]
    [TestCase("phones")]
    [TestCase("_fname")]
    [TestCase("_regdate")]
    public async Task A_name_already_taken_is_409_and_changes_nothing(string name)
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string");
        var before = await AdminApi.FieldsAsync(account.DatabaseId);

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody(name, "int"));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Conflict);
        Assert.That(JsonNode.DeepEquals(await AdminApi.FieldsAsync(account.DatabaseId), before), Is.True);
    }

    [TestCase("9x")]
    [TestCase("a-b")]
    [TestCase("a b")]
    [TestCase("_custom")]
    [TestCase("")]
    [TestCase("é")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 65 characters
    public async Task An_invalid_name_is_400_and_adds_nothing(string name)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody(name, "string"));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await AdminApi.FieldsAsync(account.DatabaseId), Has.Count.EqualTo(SystemFieldNames.Length));
    }

    [Test]
    public async Task A_name_of_64_characters_is_accepted()
    {
        var account = await TestData.CreateAccountAsync();
        var name = "a" + new string('b', 62) + "9";

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody(name, "string"));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
        Assert.That(answer.Object["name"]!.GetValue<string>(), Is.EqualTo(name));
    }

    [TestCase("text")]
    [TestCase("integer")]
    [TestCase("phones")]
    [TestCase("")]
    public async Task An_invalid_type_is_400(string type)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody("crm_id", type));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await AdminApi.FieldsAsync(account.DatabaseId), Has.Count.EqualTo(SystemFieldNames.Length));
    }

    [TestCase("{\"name\":\"plan\",\"type\":\"enum\"}", TestName = "An enum without options is 400")]
    [TestCase("{\"name\":\"plan\",\"type\":\"enum\",\"options\":[]}", TestName = "An enum with no options is 400")]
    [TestCase("{\"name\":\"interests\",\"type\":\"tags\",\"unique\":true}", TestName = "A unique tags field is 400")]
    [TestCase("{\"type\":\"string\"}", TestName = "A field without a name is 400")]
    [TestCase("{\"name\":\"crm_id\"}", TestName = "A field without a type is 400")]
    public async Task A_field_that_cannot_exist_is_400(string body)
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", body, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(await AdminApi.FieldsAsync(account.DatabaseId), Has.Count.EqualTo(SystemFieldNames.Length));
    }

    [Test]
    public async Task A_name_already_taken_in_another_case_is_409_naming_the_field_that_has_it()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "f_int", "int");

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody("F_INT", "int"));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Conflict);
        Assert.That(answer.Object["detail"]!.GetValue<string>(), Is.EqualTo("the database already has a field 'f_int' (field names are unique whatever their case)"));
        var names = (await AdminApi.FieldsAsync(account.DatabaseId)).Select(f => f!["name"]!.GetValue<string>());
        Assert.That(names, Does.Contain("f_int").And.Not.Contain("F_INT"));
    }

    [Test]
    public async Task The_database_itself_refuses_a_name_taken_in_another_case()
    {
        // Two admins creating F_INT and f_int at once both pass the handler's check; the index decides.
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "f_int", "int");

        var refused = Assert.ThrowsAsync<Npgsql.PostgresException>(() => TestData.QueryAsync(
            "INSERT INTO custom_fields (database_id, name, type, is_unique, is_required, options) VALUES ($1, 'F_INT', 'Int', false, false, '{}') RETURNING 0",
            r => r.GetInt32(0),
            account.DatabaseId));

        Assert.That(refused!.SqlState, Is.EqualTo(Npgsql.PostgresErrorCodes.UniqueViolation));
    }

    [Test]
    public async Task An_enum_of_a_thousand_options_of_256_characters_is_accepted()
    {
        var account = await TestData.CreateAccountAsync();
        var options = Enumerable.Range(0, 1000).Select(i => $"{i:D4}{new string('o', 252)}").ToArray();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody("plan", "enum", options: options));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString()[..Math.Min(500, answer.ToString().Length)]);
        Assert.That(answer.Object["options"]!.AsArray(), Has.Count.EqualTo(1000));
    }

    [TestCase(1, 257, "an option is 257 characters long, over the limit of 256")]
    [TestCase(1, 100_000, "an option is 100000 characters long, over the limit of 256")]
    [TestCase(1001, 4, "1001 options, over the limit of 1000")]
    public async Task An_enum_over_the_option_limits_is_400_and_adds_nothing(int count, int length, string detail)
    {
        var account = await TestData.CreateAccountAsync();
        var options = Enumerable.Range(0, count).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture).PadRight(length, 'o')).ToArray();

        var answer = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{account.DatabaseId}/fields", AdminApi.FieldBody("plan", "enum", options: options));

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.BadRequest);
        Assert.That(answer.Body, Does.Contain(detail));
        Assert.That(await AdminApi.FieldsAsync(account.DatabaseId), Has.Count.EqualTo(SystemFieldNames.Length));
    }

    [Test]
    public async Task The_fields_of_an_unknown_database_are_404()
    {
        var listed = await AdminApi.SendAsync(HttpMethod.Get, $"databases/{int.MaxValue}/fields");
        var created = await AdminApi.SendAsync(HttpMethod.Post, $"databases/{int.MaxValue}/fields", AdminApi.FieldBody("crm_id", "string"));

        ProblemDetailsAssert.IsProblem(listed, HttpStatusCode.NotFound);
        ProblemDetailsAssert.IsProblem(created, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_required_field_makes_a_create_without_it_400()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string", required: true);

        var without = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));
        var empty = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("crm_id", ""));

        Assert.That(without.ToString(), Does.StartWith("400 Bad request, please verify request parameters"));
        Assert.That(without.Body, Does.Contain("crm_id"));
        Assert.That(empty.Status, Is.EqualTo(HttpStatusCode.BadRequest), empty.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task A_required_field_is_needed_at_creation_only()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string", required: true);

        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("crm_id", "C-1"));
        var updated = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("_fname", "Ann"));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That(updated.ToString(), Is.EqualTo($"200 Successfully added {created.ProfileId}"));
        var stored = (await TestData.FindProfileAsync(created.ProfileId))!.Fields;
        Assert.That(stored["crm_id"]!.GetValue<string>(), Is.EqualTo("C-1"));
        Assert.That(stored["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
    }

    [Test]
    public async Task A_new_unique_field_is_kept_unique_by_imports()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string", unique: true);
        var first = await ImportApi.ImportAsync(account, ("email", "ann@example.com"), ("crm_id", "C-1"));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());

        var second = await ImportApi.ImportAsync(account, ("email", "bob@example.com"), ("crm_id", "C-1"));

        Assert.That(second.ToString(), Does.StartWith("435 Unable to keep field unique"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }
}
