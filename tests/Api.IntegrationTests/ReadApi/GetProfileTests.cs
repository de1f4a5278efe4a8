using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Subscriptions;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.ReadApi;

/// <summary>docs/api.md §5: <c>POST /api/v1.1/profiles/get</c> finds one profile of the token's database and shows it whole.</summary>
public sealed class GetProfileTests
{
    private const string Email = "Ann.Lee@Example.COM";
    private const string StoredEmail = "Ann.Lee@example.com";
    private const string Phone = "+7 (916) 123-45-67";
    private const string StoredPhone = "+79161234567";

    private static readonly JsonObject NotFound = new() { ["error"] = 404, ["error_text"] = "Profile not found" };

    [Test]
    public async Task By_profile_id_with_a_json_body_answers_the_whole_profile()
    {
        var (account, resource, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("profile_id", profileId));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.ContentType, Does.StartWith("application/json"));
        var body = answer.Json;
        Assert.That(body.Select(m => m.Key), Is.EquivalentTo(new[] { "error", "error_text", "data" }));
        Assert.That(body["error"]!.GetValue<int>(), Is.Zero);
        Assert.That(body["error_text"]!.GetValue<string>(), Is.EqualTo("Successful operation"));
        var data = body["data"]!.AsObject();
        Assert.That(data.Select(m => m.Key), Is.EquivalentTo(new[] { "profile_id", "created", "updated", "fields", "subscriptions" }));
        Assert.That(data["profile_id"]!.GetValue<string>(), Is.EqualTo(profileId));
        Assert.That(Time(data["updated"]), Is.GreaterThanOrEqualTo(Time(data["created"])));
        Assert.That(Time(data["created"]), Is.InRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));

        var fields = data["fields"]!.AsObject();
        Assert.That(fields["email"]!.GetValue<string>(), Is.EqualTo(StoredEmail));
        Assert.That(fields["phones"], Is.InstanceOf<JsonArray>());
        Assert.That(fields["phones"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { StoredPhone }));
        Assert.That(fields["_fname"]!.GetValue<string>(), Is.EqualTo("Ann"));
        Assert.That(Time(fields["_regdate"]), Is.EqualTo(Time(data["created"])).Within(TimeSpan.FromMinutes(1)));
        Assert.That(fields["age"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        Assert.That(fields["age"]!.GetValue<int>(), Is.EqualTo(42));
        Assert.That(fields["vip"]!.GetValueKind(), Is.EqualTo(JsonValueKind.True));
        Assert.That(fields["interests"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "music", "travel", "books" }));
        Assert.That(fields["crm_id"]!.GetValue<string>(), Is.EqualTo("CRM-1"));
        Assert.That(fields["city_code"]!.GetValue<string>(), Is.EqualTo("MSK"));
        Assert.That(fields.ContainsKey("_lname"), Is.False, "a field never sent is not stored");

        var subscriptions = data["subscriptions"]!.AsArray();
        Assert.That(subscriptions, Has.Count.EqualTo(1));
        Assert.That(
            JsonNode.DeepEquals(
                subscriptions[0],
                new JsonObject { ["resource_id"] = resource, ["channel"] = "email", ["contact"] = StoredEmail, ["status"] = "subscribed" }),
            Is.True,
            subscriptions.ToJsonString());
    }

    [Test]
    public async Task The_query_string_answers_the_same_as_a_json_body()
    {
        var (account, _, profileId) = await AnnAsync();

        var byBody = await ProfilesApi.GetAsync(account, ("profile_id", profileId));
        var byQuery = await ProfilesApi.GetByQueryAsync(
            ("token", account.Token), ("db_id", Id(account.DatabaseId)), ("profile_id", profileId));

        Assert.That(byQuery.Status, Is.EqualTo(HttpStatusCode.OK), byQuery.ToString());
        Assert.That(JsonNode.DeepEquals(byQuery.Json, byBody.Json), Is.True, $"{byQuery} / {byBody}");
    }

    [Test]
    public async Task The_token_may_come_as_a_bearer_header()
    {
        var (account, _, profileId) = await AnnAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ProfilesApi.Path)
        {
            Content = ImportApi.Json(new JsonObject { ["db_id"] = account.DatabaseId, ["profile_id"] = profileId }.ToJsonString()),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", account.Token);

        var answer = await ImportApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Json["data"]!["profile_id"]!.GetValue<string>(), Is.EqualTo(profileId));
    }

    [TestCase("ann.lee@example.com")]
    [TestCase("ANN.LEE@EXAMPLE.COM")]
    [TestCase(" Ann.Lee@example.com ")]
    public async Task By_email_in_any_case(string email)
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("email", email));

        AssertFound(answer, profileId);
    }

    [TestCase("+79161234567")]
    [TestCase("89161234567")]
    [TestCase("8 (916) 123-45-67")]
    [TestCase("+7-916-123-4567")]
    public async Task By_phone_in_any_format_of_the_same_number(string phone)
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("phone", phone));

        AssertFound(answer, profileId);
    }

    [TestCase("crm_id", "CRM-1", TestName = "By a unique custom field")]
    [TestCase("city_code", "MSK", TestName = "By a non-unique custom field")]
    [TestCase("age", "42", TestName = "By an int field")]
    public async Task By_a_field(string field, string value)
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("field_name", field), ("field_value", value));

        AssertFound(answer, profileId);
    }

    [Test]
    public async Task Each_lookup_finds_its_own_profile_among_several()
    {
        var (account, _, ann) = await AnnAsync();
        var bob = await ImportApi.ImportAsync(
            account, ("email", "bob@example.com"), ("phone", "+79031112233"), ("crm_id", "CRM-2"), ("city_code", "SPB"));
        Assert.That(bob.Status, Is.EqualTo(HttpStatusCode.OK), bob.ToString());

        AssertFound(await ProfilesApi.GetAsync(account, ("email", "BOB@example.com")), bob.ProfileId);
        AssertFound(await ProfilesApi.GetAsync(account, ("phone", "89031112233")), bob.ProfileId);
        AssertFound(await ProfilesApi.GetAsync(account, ("field_name", "crm_id"), ("field_value", "CRM-2")), bob.ProfileId);
        AssertFound(await ProfilesApi.GetAsync(account, ("field_name", "city_code"), ("field_value", "MSK")), ann);
        AssertFound(await ProfilesApi.GetAsync(account, ("profile_id", bob.ProfileId)), bob.ProfileId);
    }

    [Test]
    public async Task An_update_shows_in_the_next_read()
    {
        var (account, _, profileId) = await AnnAsync();
        var created = (await ProfilesApi.GetAsync(account, ("profile_id", profileId))).Json["data"]!;
        await Task.Delay(20);

        var update = await ImportApi.ImportAsync(account, ("email", Email), ("_fname", "Anna"), ("phone", "+79030000000"));

        Assert.That(update.ToString(), Is.EqualTo($"200 Successfully added {profileId}"));
        var data = (await ProfilesApi.GetAsync(account, ("profile_id", profileId))).Json["data"]!;
        Assert.That(data["fields"]!["_fname"]!.GetValue<string>(), Is.EqualTo("Anna"));
        Assert.That(
            data["fields"]!["phones"]!.AsArray().Select(p => p!.GetValue<string>()),
            Is.EquivalentTo(new[] { StoredPhone, "+79030000000" }));
        Assert.That(Time(data["created"]), Is.EqualTo(Time(created["created"])));
        Assert.That(Time(data["updated"]), Is.GreaterThan(Time(created["updated"])));
        Assert.That(data["fields"]!["_regdate"]!.GetValue<string>(), Is.EqualTo(created["fields"]!["_regdate"]!.GetValue<string>()));
    }

    [Test]
    public async Task A_changed_subscription_status_shows()
    {
        var (account, resource, profileId) = await AnnAsync();
        await TestData.SetSubscriptionStatusAsync(profileId, SubscriptionStatus.Unsubscribed);

        var answer = await ProfilesApi.GetAsync(account, ("profile_id", profileId));

        Assert.That(
            JsonNode.DeepEquals(
                answer.Json["data"]!["subscriptions"],
                new JsonArray(new JsonObject { ["resource_id"] = resource, ["channel"] = "email", ["contact"] = StoredEmail, ["status"] = "unsubscribed" })),
            Is.True,
            answer.ToString());
    }

    [Test]
    public async Task A_profile_without_subscriptions_shows_an_empty_list()
    {
        var account = await TestData.CreateAccountAsync();
        var created = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", Phone));

        var answer = await ProfilesApi.GetAsync(account, ("profile_id", created.ProfileId));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var data = answer.Json["data"]!;
        Assert.That(data["subscriptions"]!.AsArray(), Is.Empty);
        Assert.That(data["fields"]!["phones"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { StoredPhone }));
    }

    [TestCase("profile_id", "0123456789abcdef01234567")]
    [TestCase("email", "nobody@example.com")]
    [TestCase("phone", "+79990001122")]
    public async Task No_match_is_404_profile_not_found(string lookup, string value)
    {
        var (account, _, _) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, (lookup, value));

        AssertNotFound(answer);
    }

    [TestCase("crm_id", "CRM-404")]
    [TestCase("city_code", "NOWHERE")]
    public async Task No_match_on_a_field_is_404_profile_not_found(string field, string value)
    {
        var (account, _, _) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("field_name", field), ("field_value", value));

        AssertNotFound(answer);
    }

    [Test]
    public async Task A_profile_of_another_database_of_the_account_is_404()
    {
        var (account, _, profileId) = await AnnAsync();
        var other = account with { DatabaseId = await TestData.CreateDatabaseAsync(account.Id) };

        AssertNotFound(await ProfilesApi.GetAsync(other, ("profile_id", profileId)));
        AssertNotFound(await ProfilesApi.GetAsync(other, ("email", Email)));
        AssertNotFound(await ProfilesApi.GetAsync(other, ("phone", Phone)));
    }

    [Test]
    public async Task An_unknown_database_is_404()
    {
        var (account, _, profileId) = await AnnAsync();

        AssertNotFound(await ProfilesApi.GetAsync(account with { DatabaseId = int.MaxValue }, ("profile_id", profileId)));
    }

    [TestCase("not-a-token")]
    [TestCase("")]
    public async Task A_bad_token_is_403(string token)
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account with { Token = token }, ("profile_id", profileId));

        AssertError(answer, HttpStatusCode.Forbidden, "Invalid API key");
    }

    [Test]
    public async Task No_token_is_403()
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(new JsonObject { ["db_id"] = account.DatabaseId, ["profile_id"] = profileId });

        AssertError(answer, HttpStatusCode.Forbidden, "Invalid API key");
    }

    [Test]
    public async Task A_revoked_token_is_403()
    {
        var (account, _, profileId) = await AnnAsync();
        await TestData.RevokeTokenAsync(account.Token);

        var answer = await ProfilesApi.GetAsync(account, ("profile_id", profileId));

        AssertError(answer, HttpStatusCode.Forbidden, "Invalid API key");
    }

    [Test]
    public async Task A_bad_token_is_403_before_the_request_shape_is_checked()
    {
        var answer = await ProfilesApi.GetAsync(new JsonObject { ["token"] = "not-a-token" });

        AssertError(answer, HttpStatusCode.Forbidden, "Invalid API key");
    }

    [Test]
    public async Task No_lookup_is_400()
    {
        var (account, _, _) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account);

        AssertError(answer, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
    }

    [TestCase("email", "phone")]
    [TestCase("profile_id", "email")]
    [TestCase("phone", "field_name")]
    public async Task Two_lookups_are_400(string first, string second)
    {
        var (account, _, profileId) = await AnnAsync();
        var values = new Dictionary<string, string>
        {
            ["profile_id"] = profileId,
            ["email"] = Email,
            ["phone"] = Phone,
            ["field_name"] = "crm_id",
        };

        var answer = await ProfilesApi.GetAsync(account, (first, values[first]), (second, values[second]), ("field_value", "CRM-1"));

        AssertError(answer, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
    }

    [Test]
    public async Task A_field_name_without_a_value_is_400()
    {
        var (account, _, _) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, ("field_name", "crm_id"));

        AssertError(answer, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
    }

    [Test]
    public async Task No_database_is_400()
    {
        var (account, _, profileId) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(new JsonObject { ["token"] = account.Token, ["profile_id"] = profileId });

        AssertError(answer, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
    }

    [TestCase("profile_id", "not-an-id")]
    [TestCase("email", "not-an-email")]
    [TestCase("phone", "12")]
    public async Task A_malformed_lookup_value_is_400(string lookup, string value)
    {
        var (account, _, _) = await AnnAsync();

        var answer = await ProfilesApi.GetAsync(account, (lookup, value));

        AssertError(answer, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
    }

    [TestCase("not-an-email")]
    [TestCase("ann@example")]
    public async Task A_malformed_email_is_refused_in_the_words_of_the_import(string email)
    {
        var account = await TestData.CreateAccountAsync();

        var read = await ProfilesApi.GetAsync(account, ("email", email));
        var import = await ImportApi.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, ImportApi.Path) { Content = ImportApi.Form(account, [("email", email)]) },
            acceptJson: true);

        AssertError(read, HttpStatusCode.BadRequest, "Bad request, please verify request parameters");
        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.BadRequest), import.ToString());
        Assert.That(read.Json["details"]!.GetValue<string>(), Does.StartWith($"email: '{email}' is not a valid email address: "));
        Assert.That(read.Json["details"]!.GetValue<string>(), Is.EqualTo(import.Json["details"]!.GetValue<string>()));
    }

    /// <summary>An account whose database has typed custom fields, and Ann subscribed to its email resource.</summary>
    private static async Task<(TestAccount Account, int Resource, string ProfileId)> AnnAsync()
    {
        var account = await TestData.CreateAccountAsync();
        await AdminApi.CreateFieldAsync(account.DatabaseId, "crm_id", "string", unique: true);
        await AdminApi.CreateFieldAsync(account.DatabaseId, "city_code", "string");
        await AdminApi.CreateFieldAsync(account.DatabaseId, "age", "int");
        await AdminApi.CreateFieldAsync(account.DatabaseId, "vip", "bool");
        await AdminApi.CreateFieldAsync(account.DatabaseId, "interests", "tags");
        var resource = await AdminApi.CreateResourceAsync(account.DatabaseId, ["email"]);
        var created = await ImportApi.ImportAsync(
            account,
            ("email", Email),
            ("phone", Phone),
            ("_fname", "Ann"),
            ("crm_id", "CRM-1"),
            ("city_code", "MSK"),
            ("age", "42"),
            ("vip", "yes"),
            ("interests", "music, travel|books"),
            ("resource_id", Id(resource)));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        return (account, resource, created.ProfileId);
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static void AssertFound(ApiAnswer answer, string profileId)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.Json["error"]!.GetValue<int>(), Is.Zero);
        Assert.That(answer.Json["data"]!["profile_id"]!.GetValue<string>(), Is.EqualTo(profileId), answer.ToString());
    }

    private static void AssertNotFound(ApiAnswer answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
        Assert.That(answer.ContentType, Does.StartWith("application/json"));
        var body = answer.Json;
        Assert.That(body["error"]!.GetValue<int>(), Is.EqualTo(NotFound["error"]!.GetValue<int>()));
        Assert.That(body["error_text"]!.GetValue<string>(), Is.EqualTo(NotFound["error_text"]!.GetValue<string>()));
        Assert.That(body.ContainsKey("data"), Is.False, answer.ToString());
    }

    private static void AssertError(ApiAnswer answer, HttpStatusCode status, string text)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.ToString());
        Assert.That(answer.ContentType, Does.StartWith("application/json"), answer.ToString());
        var body = answer.Json;
        Assert.That(body["error"]!.GetValue<int>(), Is.EqualTo((int)status));
        Assert.That(body["error_text"]!.GetValue<string>(), Is.EqualTo(text));
        Assert.That(body.ContainsKey("data"), Is.False, answer.ToString());
    }
}
