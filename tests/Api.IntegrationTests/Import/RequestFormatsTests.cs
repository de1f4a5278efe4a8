using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Fields;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>docs/api.md §1: where parameters come from, how bodies are read, and how answers are written.</summary>
public sealed class RequestFormatsTests
{
    private const string BadRequest = "Bad request, please verify request parameters";
    private const string InvalidApiKey = "Invalid API key";
    private const string NotFound = "No database or subscription resource found";
    private const string Ambiguous = "More than one profiles matches, inaccurate matching";
    private const string NotUnique = "Unable to keep field unique";
    private const string TooLarge = "Request body too large";
    private const string PlainText = "text/plain; charset=utf-8";
    private const string JsonText = "application/json; charset=utf-8";

    public enum Format
    {
        Query,
        Form,
        Multipart,
        Json,
    }

    // ---- the same import in every format ----

    [TestCase(ImportApi.Path)]
    [TestCase("/api/v1.1/profiles/get")]
    public async Task A_json_body_after_a_utf8_byte_order_mark_is_read(string path)
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("email", "ann@example.com"));
        var json = $"{{\"token\":\"{account.Token}\",\"db_id\":{account.DatabaseId},\"email\":\"ann@example.com\"}}";
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var answer = await ImportApi.SendAsync(Post(path, content));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Contain(created.ProfileId));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_json_body_array_is_a_json_fields_value_as_it_is_a_tags_fields_list()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "data", FieldType.Json);
        await TestData.AddFieldAsync(account.DatabaseId, "interests", FieldType.Tags);

        var answer = await ImportApi.SendAsync(Post(ImportApi.Path, ImportApi.Json(new JsonObject
        {
            ["token"] = account.Token,
            ["db_id"] = account.DatabaseId,
            ["email"] = "ann@example.com",
            ["data"] = new JsonArray("a", "b"),
            ["interests"] = new JsonArray("c", "d"),
        }.ToJsonString())));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        AssertJson(stored!.Fields["data"], "[\"a\",\"b\"]");
        AssertJson(stored.Fields["interests"], "[\"c\",\"d\"]");
    }

    [TestCase(Format.Query)]
    [TestCase(Format.Form)]
    [TestCase(Format.Multipart)]
    [TestCase(Format.Json)]
    public async Task The_same_import_works_in_every_format(Format format)
    {
        var account = await AccountWithTypedFieldsAsync();

        using var request = format switch
        {
            Format.Query => Post(
                $"{ImportApi.Path}?{Query(Base(account), ("email", "ann@example.com"), ("_fname", "Ann"), ("age", "42"), ("vip", "true"), ("score", "2.5"), ("interests", "a,b"))}"),
            Format.Form => Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com"), ("_fname", "Ann"), ("age", "42"), ("vip", "true"), ("score", "2.5"), ("interests", "a"), ("interests", "b")])),
            Format.Multipart => Post(ImportApi.Path, Multipart([.. Base(account), ("email", "ann@example.com"), ("_fname", "Ann"), ("age", "42"), ("vip", "true"), ("score", "2.5"), ("interests", "a"), ("interests", "b")])),
            _ => Post(ImportApi.Path, ImportApi.Json(new JsonObject
            {
                ["token"] = account.Token,
                ["db_id"] = account.DatabaseId,
                ["email"] = "ann@example.com",
                ["_fname"] = "Ann",
                ["age"] = 42,
                ["vip"] = true,
                ["score"] = 2.5,
                ["interests"] = new JsonArray("a", "b"),
            }.ToJsonString())),
        };
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That(answer.ContentType, Is.EqualTo(PlainText));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.DatabaseId, Is.EqualTo(account.DatabaseId));
        Assert.That(stored.Email, Is.EqualTo("ann@example.com"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        AssertJson(stored.Fields["age"], "42");
        AssertJson(stored.Fields["vip"], "true");
        AssertJson(stored.Fields["score"], "2.5");
        AssertJson(stored.Fields["interests"], "[\"a\",\"b\"]");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [TestCase(Format.Form)]
    [TestCase(Format.Multipart)]
    [TestCase(Format.Json)]
    public async Task The_body_wins_over_the_query_for_the_same_key(Format format)
    {
        var account = await TestData.CreateAccountAsync();
        var otherAccount = await TestData.CreateAccountAsync();
        var query = Query(("token", "not-a-token"), ("db_id", Id(otherAccount.DatabaseId)), ("email", "query@example.com"), ("_fname", "Query"), ("_lname", "FromQuery"));
        (string, string)[] body = [.. Base(account), ("email", "body@example.com"), ("_fname", "Body")];

        using var request = Post($"{ImportApi.Path}?{query}", format switch
        {
            Format.Form => ImportApi.Form(body),
            Format.Multipart => Multipart(body),
            _ => ImportApi.Json(JsonOf(body)),
        });
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.DatabaseId, Is.EqualTo(account.DatabaseId));
        Assert.That(stored.Email, Is.EqualTo("body@example.com"));
        Assert.That(stored.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Body"));
        Assert.That(stored.Fields["_lname"]!.GetValue<string>(), Is.EqualTo("FromQuery"), "a key only the query sends still counts");
        Assert.That(await TestData.CountProfilesAsync(otherAccount.DatabaseId), Is.Zero);
    }

    // ---- a key repeated within one source ----

    [TestCase(Format.Form, "email")]
    [TestCase(Format.Form, "db_id")]
    [TestCase(Format.Form, "token")]
    [TestCase(Format.Form, "matching")]
    [TestCase(Format.Form, "_fname")]
    [TestCase(Format.Form, "phone")]
    [TestCase(Format.Query, "email")]
    [TestCase(Format.Query, "db_id")]
    [TestCase(Format.Multipart, "email")]
    [TestCase(Format.Multipart, "db_id")]
    [TestCase(Format.Json, "email")]
    [TestCase(Format.Json, "db_id")]
    public async Task A_key_repeated_within_one_source_is_a_bad_request(Format format, string repeated)
    {
        var account = await TestData.CreateAccountAsync();
        var values = new Dictionary<string, string>
        {
            ["token"] = account.Token,
            ["db_id"] = Id(account.DatabaseId),
            ["matching"] = "email",
            ["email"] = "ann@example.com",
            ["_fname"] = "Ann",
            ["phone"] = "+79123456789",
        };
        var parameters = values.Select(p => (p.Key, p.Value)).ToList();
        parameters.Add((repeated, repeated == "email" ? "bob@example.com" : values[repeated]));

        using var request = format switch
        {
            Format.Query => Post($"{ImportApi.Path}?{Query([.. parameters])}"),
            Format.Form => Post(ImportApi.Path, ImportApi.Form(parameters)),
            Format.Multipart => Post(ImportApi.Path, Multipart(parameters)),
            _ => Post(ImportApi.Path, ImportApi.Json(
                "{" + string.Join(',', parameters.Select(p => $"{JsonValue.Create(p.Item1).ToJsonString()}:{JsonValue.Create(p.Item2).ToJsonString()}")) + "}")),
        };
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(repeated));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase(Format.Form, "email", "ann@example.com", "")]
    [TestCase(Format.Form, "_fname", "", "Ann")]
    [TestCase(Format.Form, "_fname", "Ann", "")]
    [TestCase(Format.Query, "_fname", "", "Ann")]
    [TestCase(Format.Form, "db_id", "", null)]
    public async Task A_key_repeated_with_an_empty_value_is_still_a_repeat(Format format, string repeated, string first, string? second)
    {
        var account = await TestData.CreateAccountAsync();
        var parameters = new List<(string, string)> { ("token", account.Token), ("db_id", Id(account.DatabaseId)) };
        if (repeated != "email")
        {
            parameters.Add(("email", "ann@example.com"));
        }

        parameters.Add((repeated, first));
        parameters.Add((repeated, second ?? Id(account.DatabaseId)));

        using var request = format == Format.Query
            ? Post($"{ImportApi.Path}?{Query([.. parameters])}")
            : Post(ImportApi.Path, ImportApi.Form(parameters));
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: ").And.Contain(repeated));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase(Format.Query)]
    [TestCase(Format.Form)]
    [TestCase(Format.Multipart)]
    public async Task A_repeated_tags_key_is_collected_like_a_checkbox_group(Format format)
    {
        var account = await AccountWithTypedFieldsAsync();
        (string, string)[] parameters = [.. Base(account), ("email", "ann@example.com"), ("interests", "music"), ("interests", "books"), ("interests", "film")];

        using var request = format switch
        {
            Format.Query => Post($"{ImportApi.Path}?{Query(parameters)}"),
            Format.Form => Post(ImportApi.Path, ImportApi.Form(parameters)),
            _ => Post(ImportApi.Path, Multipart(parameters)),
        };
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        AssertJson((await TestData.FindProfileAsync(answer.ProfileId))!.Fields["interests"], "[\"music\",\"books\",\"film\"]");
    }

    // ---- headers ----

    [TestCase(Format.Query)]
    [TestCase(Format.Form)]
    [TestCase(Format.Json)]
    public async Task A_bearer_token_stands_in_for_the_token_parameter(Format format)
    {
        var account = await TestData.CreateAccountAsync();
        (string, string)[] parameters = [("db_id", Id(account.DatabaseId)), ("email", "ann@example.com")];

        using var request = format switch
        {
            Format.Query => Post($"{ImportApi.Path}?{Query(parameters)}"),
            Format.Form => Post(ImportApi.Path, ImportApi.Form(parameters)),
            _ => Post(ImportApi.Path, ImportApi.Json(JsonOf(parameters))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token);
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
    }

    [Test]
    public async Task A_wrong_bearer_token_is_refused()
    {
        var account = await TestData.CreateAccountAsync();
        using var request = Post(ImportApi.Path, ImportApi.Form([("db_id", Id(account.DatabaseId)), ("email", "ann@example.com")]));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.Token + "x");

        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(answer.Body, Does.Match(ErrorBody(InvalidApiKey)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task The_referer_header_fills_regurl_when_it_is_not_sent()
    {
        var account = await TestData.CreateAccountAsync();
        using var request = Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com")]));
        request.Headers.Referrer = new Uri("https://shop.example/landing?utm_source=mail");

        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Fields["_regurl"]!.GetValue<string>(), Is.EqualTo("https://shop.example/landing?utm_source=mail"));
    }

    [Test]
    public async Task A_referer_header_that_is_not_an_http_url_is_not_used()
    {
        var account = await TestData.CreateAccountAsync();
        using var request = Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com")]));
        request.Headers.TryAddWithoutValidation("Referer", "javascript:alert(1)");

        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Fields.ContainsKey("_regurl"), Is.False);
    }

    [Test]
    public async Task A_sent_regurl_wins_over_the_referer_header()
    {
        var account = await TestData.CreateAccountAsync();
        using var request = Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com"), ("_regurl", "https://form.example/signup")]));
        request.Headers.Referrer = new Uri("https://shop.example/landing");

        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        var stored = await TestData.FindProfileAsync(answer.ProfileId);
        Assert.That(stored!.Fields["_regurl"]!.GetValue<string>(), Is.EqualTo("https://form.example/signup"));
    }

    // ---- the endpoint ----

    [Test]
    public async Task A_trailing_slash_on_the_path_is_accepted()
    {
        var account = await TestData.CreateAccountAsync();

        var answer = await ImportApi.SendAsync(Post($"{ImportApi.Path}/", ImportApi.Form([.. Base(account), ("email", "ann@example.com")])));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
    }

    [TestCase("GET")]
    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("PATCH")]
    public async Task Another_method_than_post_is_not_allowed(string method)
    {
        var account = await TestData.CreateAccountAsync();
        var query = Query(Base(account), ("email", "ann@example.com"));
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{ImportApi.Path}?{query}");
        if (method != "GET")
        {
            request.Content = ImportApi.Form([.. Base(account), ("email", "ann@example.com")]);
        }

        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Does.Contain("POST"), "a 405 names the allowed methods");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("Successfully added"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_body_over_one_mebibyte_is_too_large(bool lengthKnown)
    {
        var account = await TestData.CreateAccountAsync();
        var form = Encoding.UTF8.GetBytes(
            $"{Query(Base(account))}&email=ann%40example.com&_fname={new string('a', 1024 * 1024)}");

        using var request = Post(ImportApi.Path, lengthKnown
            ? new ByteArrayContent(form) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }
            : new UnsizedContent(form, "application/x-www-form-urlencoded"));
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(TooLarge)));
        Assert.That(answer.ContentType, Is.EqualTo(PlainText));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    public async Task A_body_of_exactly_one_mebibyte_is_read()
    {
        const int oneMebibyte = 1024 * 1024;
        const string tag = "&notes=";
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "notes", FieldType.Tags);

        // A checkbox group of values as long as a value may be (QuickImport:RequestLimits:MaxValueLength), the last one filling up.
        var text = new StringBuilder($"{Query(Base(account))}&email=ann%40example.com");
        for (var letter = 'a'; text.Length < oneMebibyte; letter++)
        {
            var room = oneMebibyte - text.Length - tag.Length;
            text.Append(tag).Append(letter, Math.Min(room, 64 * 1024));
        }

        var form = Encoding.UTF8.GetBytes(text.ToString());
        Assert.That(form, Has.Length.EqualTo(oneMebibyte));

        using var request = Post(ImportApi.Path, new ByteArrayContent(form) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } });
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Body, Does.Match(ImportApi.AddedPattern));
        Assert.That((await TestData.FindProfileAsync(answer.ProfileId))!.Email, Is.EqualTo("ann@example.com"));
    }

    [TestCase("application/json", "{\"email\": \"ann@example.com\",")]
    [TestCase("application/json", "{\"email\": \"ann@example.com\", \"_fname\": {\"first\": \"Ann\"}}")]
    [TestCase("application/json", "[{\"email\": \"ann@example.com\"}]")]
    [TestCase("application/json", "\"ann@example.com\"")]
    [TestCase("application/json", "{\"email\": \"ann@example.com\", \"interests\": [1, 2]}")]
    [TestCase("text/plain", "email=ann%40example.com")]
    [TestCase("application/xml", "<email>ann@example.com</email>")]
    [TestCase(null, "email=ann%40example.com")]
    public async Task An_unreadable_body_is_a_bad_request_and_stores_nothing(string? contentType, string body)
    {
        var account = await AccountWithTypedFieldsAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var request = Post($"{ImportApi.Path}?{Query(Base(account))}", content);
        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
        Assert.That(answer.Body, Does.StartWith($"{BadRequest}: "));
        Assert.That(answer.ContentType, Is.EqualTo(PlainText));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    // ---- answers ----

    [Test]
    public async Task Json_answers_say_whether_the_profile_was_created()
    {
        var account = await TestData.CreateAccountAsync();

        var created = await ImportApi.SendAsync(Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com")])), acceptJson: true);

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        Assert.That(created.ContentType, Is.EqualTo(JsonText));
        var id = created.Json["profile_id"]!.GetValue<string>();
        Assert.That(id, Does.Match("^[0-9a-f]{24}$"));
        AssertJson(created.Json, $"{{\"error\":0,\"error_text\":\"Successful operation\",\"profile_id\":\"{id}\",\"created\":true}}");
        Assert.That((await TestData.FindProfileAsync(id))!.Email, Is.EqualTo("ann@example.com"));

        var updated = await ImportApi.SendAsync(Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("email", "ann@example.com"), ("_fname", "Ann")])), acceptJson: true);

        Assert.That(updated.Status, Is.EqualTo(HttpStatusCode.OK), updated.ToString());
        Assert.That(updated.ContentType, Is.EqualTo(JsonText));
        AssertJson(updated.Json, $"{{\"error\":0,\"error_text\":\"Successful operation\",\"profile_id\":\"{id}\",\"created\":false}}");
        Assert.That((await TestData.FindProfileAsync(id))!.Fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_json_ambiguity_error_lists_both_candidates()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"), ("phone", "+79123456789"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", "+79123456789"));
        var before = await SnapshotAsync(ann, bob);

        var answer = await ImportApi.SendAsync(
            Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("matching", "phone"), ("phone", "+79123456789"), ("_fname", "Who")])),
            acceptJson: true);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Conflict), answer.ToString());
        Assert.That(answer.ContentType, Is.EqualTo(JsonText));
        Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(409));
        Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo(Ambiguous));
        Assert.That(answer.Json["candidates"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EquivalentTo(new[] { ann, bob }));
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
    }

    [Test]
    public async Task A_json_uniqueness_error_names_the_field_and_the_holder()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", "+79123456789"));
        var before = await SnapshotAsync(ann, bob);

        var answer = await ImportApi.SendAsync(
            Post(ImportApi.Path, ImportApi.Form([.. Base(account), ("matching", "phone"), ("phone", "+79123456789"), ("email", "ann@example.com"), ("_fname", "Bob")])),
            acceptJson: true);

        Assert.That((int)answer.Status, Is.EqualTo(435), answer.ToString());
        Assert.That(answer.ContentType, Is.EqualTo(JsonText));
        Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(435));
        Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo(NotUnique));
        Assert.That(answer.Json["field"]!.GetValue<string>(), Is.EqualTo("email"));
        Assert.That(answer.Json["conflicting_profile_id"]!.GetValue<string>(), Is.EqualTo(ann));
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
    }

    [Test]
    public async Task The_same_uniqueness_error_in_plain_text()
    {
        var account = await TestData.CreateAccountAsync();
        var ann = await ImportApi.CreateAsync(account, ("email", "ann@example.com"));
        var bob = await ImportApi.CreateAsync(account, ("email", "bob@example.com"), ("phone", "+79123456789"));
        var before = await SnapshotAsync(ann, bob);

        var answer = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", "+79123456789"), ("email", "ann@example.com"));

        Assert.That((int)answer.Status, Is.EqualTo(435), answer.ToString());
        Assert.That(answer.Body, Does.Match(ErrorBody(NotUnique)));
        Assert.That(answer.ContentType, Is.EqualTo(PlainText));
        Assert.That(await SnapshotAsync(ann, bob), Is.EqualTo(before));
    }

    [TestCase("token", "wrong", 403, InvalidApiKey)]
    [TestCase("db_id", "abc", 400, BadRequest)]
    [TestCase("db_id", "2147483647", 404, NotFound)]
    [TestCase("_bdate", "yesterday", 400, BadRequest)]
    public async Task Json_errors_carry_the_code_and_the_text(string name, string value, int status, string text)
    {
        var account = await TestData.CreateAccountAsync();
        var parameters = Base(account).Where(p => p.Item1 != name).Append((name, value)).Append(("email", "ann@example.com")).ToArray();

        var answer = await ImportApi.SendAsync(Post(ImportApi.Path, ImportApi.Form(parameters)), acceptJson: true);

        Assert.That((int)answer.Status, Is.EqualTo(status), answer.ToString());
        Assert.That(answer.ContentType, Is.EqualTo(JsonText));
        Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo(text));
        Assert.That(answer.Json.Select(p => p.Key), Is.SubsetOf(new[] { "error", "error_text", "details" }));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [TestCase("token", "wrong", 403, InvalidApiKey)]
    [TestCase("db_id", "abc", 400, BadRequest)]
    [TestCase("db_id", "2147483647", 404, NotFound)]
    [TestCase("_bdate", "yesterday", 400, BadRequest)]
    public async Task Plain_errors_are_utf8_text_starting_with_the_text(string name, string value, int status, string text)
    {
        var account = await TestData.CreateAccountAsync();
        var parameters = Base(account).Where(p => p.Item1 != name).Append((name, value)).Append(("email", "ann@example.com")).ToArray();

        var answer = await ImportApi.PostFormAsync(parameters);

        Assert.That((int)answer.Status, Is.EqualTo(status), answer.ToString());
        Assert.That(answer.ContentType, Is.EqualTo(PlainText));
        Assert.That(answer.Body, Does.Match(ErrorBody(text)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    // ---- helpers ----

    private static (string, string)[] Base(TestAccount account) => [("token", account.Token), ("db_id", Id(account.DatabaseId))];

    private static async Task<TestAccount> AccountWithTypedFieldsAsync()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "age", FieldType.Int);
        await TestData.AddFieldAsync(account.DatabaseId, "vip", FieldType.Bool);
        await TestData.AddFieldAsync(account.DatabaseId, "score", FieldType.Float);
        await TestData.AddFieldAsync(account.DatabaseId, "interests", FieldType.Tags);
        return account;
    }

    private static HttpRequestMessage Post(string pathAndQuery, HttpContent? content = null) =>
        new(HttpMethod.Post, pathAndQuery) { Content = content };

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    private static string Query((string Name, string Value)[] first, params (string Name, string Value)[] more) =>
        Query([.. first, .. more]);

    private static MultipartFormDataContent Multipart(IEnumerable<(string Name, string Value)> parameters)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in parameters)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    /// <summary>A flat JSON object of string values; db_id as a JSON number, as a JSON client sends it.</summary>
    private static string JsonOf(IEnumerable<(string Name, string Value)> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            json[name] = name == "db_id" ? JsonValue.Create(int.Parse(value, CultureInfo.InvariantCulture)) : JsonValue.Create(value);
        }

        return json.ToJsonString();
    }

    private static async Task<List<string>> SnapshotAsync(params string[] ids)
    {
        var rows = new List<string>();
        foreach (var id in ids)
        {
            var profile = await TestData.FindProfileAsync(id);
            rows.Add($"{id}|{profile?.Email}|{string.Join(',', profile?.Phones ?? [])}|{profile?.FieldsJson}");
        }

        return rows;
    }

    private static string ErrorBody(string text) => $"^{Regex.Escape(text)}(: .+)?$";

    private static void AssertJson(JsonNode? actual, string expectedJson) =>
        Assert.That(
            JsonNode.DeepEquals(actual, JsonNode.Parse(expectedJson)),
            Is.True,
            $"got {actual?.ToJsonString() ?? "nothing"}, expected {expectedJson}");
}
