using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Admin;

/// <summary>docs/api.md §2: the admin API answers only <c>Authorization: Bearer &lt;admin key&gt;</c> (else 401), in RFC 7807 form.</summary>
public sealed class AdminAuthTests
{
    private const string NewAccount = "{\"name\":\"intruder\",\"profile_limit\":null}";

    private static readonly (string Method, string Path, string? Body)[] Calls =
    [
        ("POST", "accounts", NewAccount),
        ("GET", "accounts/1", null),
        ("PATCH", "accounts/1", "{\"profile_limit\":1}"),
        ("POST", "accounts/1/tokens", "{\"name\":\"x\"}"),
        ("DELETE", "tokens/1", null),
        ("POST", "accounts/1/databases", "{\"name\":\"x\"}"),
        ("GET", "databases/1/fields", null),
        ("POST", "databases/1/fields", "{\"name\":\"x\",\"type\":\"string\"}"),
        ("POST", "databases/1/resources", "{\"name\":\"x\",\"channels\":[\"email\"]}"),
        ("POST", "accounts/1/triggers", "{\"name\":\"x\",\"database_id\":1}"),
        ("PATCH", "triggers/1", "{\"active\":false}"),
        ("GET", "triggers/1/launches", null),
        ("POST", "accounts/1/workflows", "{\"name\":\"x\",\"database_id\":1}"),
        ("PATCH", "workflows/1", "{\"active\":false}"),
        ("GET", "workflows/1/enrollments", null),
    ];

    private static IEnumerable<TestCaseData> EveryCall() =>
        Calls.Select(c => new TestCaseData(c.Method, c.Path, c.Body).SetArgDisplayNames(c.Method, c.Path));

    [TestCaseSource(nameof(EveryCall))]
    public async Task Every_call_without_the_key_is_401(string method, string path, string? body)
    {
        var answer = await AdminApi.SendAsync(new HttpMethod(method), path, body, bearerKey: null);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
    }

    [TestCaseSource(nameof(EveryCall))]
    public async Task Every_call_with_a_wrong_key_is_401(string method, string path, string? body)
    {
        var answer = await AdminApi.SendAsync(new HttpMethod(method), path, body, bearerKey: "not-the-admin-key");

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
    }

    [TestCase("test-admin-key-012345678")]
    [TestCase("test-admin-key-01234567890")]
    [TestCase("TEST-ADMIN-KEY-0123456789")]
    [TestCase("")]
    public async Task A_key_that_is_nearly_right_is_401(string key)
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Get, "accounts/1", null, bearerKey: key);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
    }

    [TestCase("key")]
    [TestCase("admin_key")]
    [TestCase("token")]
    [TestCase("access_token")]
    public async Task The_key_as_a_query_parameter_is_401(string parameter)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post, $"{AdminApi.Root}/accounts?{parameter}={ApiInstance.AdminKey}")
        {
            Content = new StringContent(NewAccount, Encoding.UTF8, "application/json"),
        };

        var answer = await AdminApi.SendAsync(request);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
        Assert.That(await CountIntrudersAsync(), Is.Zero);
    }

    [Test]
    public async Task The_key_in_another_scheme_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminApi.Root}/accounts")
        {
            Content = new StringContent(NewAccount, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", ApiInstance.AdminKey);

        var answer = await AdminApi.SendAsync(request);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.Unauthorized);
        Assert.That(await CountIntrudersAsync(), Is.Zero);
    }

    [Test]
    public async Task A_refused_create_stores_nothing()
    {
        var without = await AdminApi.SendAsync(HttpMethod.Post, "accounts", NewAccount, bearerKey: null);
        var wrong = await AdminApi.SendAsync(HttpMethod.Post, "accounts", NewAccount, bearerKey: "wrong");

        Assert.That(without.Status, Is.EqualTo(HttpStatusCode.Unauthorized), without.ToString());
        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized), wrong.ToString());
        Assert.That(await CountIntrudersAsync(), Is.Zero);
    }

    [Test]
    public async Task A_refused_call_says_which_scheme_to_use()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{AdminApi.Root}/accounts/1");
        using var client = TestEnvironment.Api.CreateClient();

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [Test]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminApi.Root}/accounts")
        {
            Content = new StringContent("{\"name\":\"scheme-case\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"bearer {ApiInstance.AdminKey}");

        var answer = await AdminApi.SendAsync(request);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.ToString());
    }

    [TestCase("GET", "nothing")]
    [TestCase("GET", "accounts/1/nothing")]
    [TestCase("GET", "accounts/abc")]
    [TestCase("POST", "databases")]
    [TestCase("DELETE", "profiles/1")]
    public async Task An_unknown_route_is_404(string method, string path)
    {
        var answer = await AdminApi.SendAsync(new HttpMethod(method), path, json: null, ApiInstance.AdminKey);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
    }

    [Test]
    public async Task An_unknown_route_answers_problem_details()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Get, "nothing", json: null, ApiInstance.AdminKey);

        ProblemDetailsAssert.IsProblem(answer, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_unknown_route_is_404_even_without_the_key()
    {
        var answer = await AdminApi.SendAsync(HttpMethod.Get, "nothing", json: null, bearerKey: null);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound), answer.ToString());
    }

    [TestCaseSource(nameof(EveryCall))]
    public async Task Without_an_admin_key_configured_there_is_no_admin_API(string method, string path, string? body)
    {
        // An empty key must not let an empty bearer through: no key means no admin API at all.
        await using var host = ApiInstance.With(("QuickImport:AdminKey", string.Empty));
        using var client = host.CreateClient();
        var intruders = await CountIntrudersAsync();

        foreach (var key in new[] { ApiInstance.AdminKey, string.Empty })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{AdminApi.Root}/{path}");
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"bearer '{key}': {await response.Content.ReadAsStringAsync()}");
        }

        Assert.That(await CountIntrudersAsync(), Is.EqualTo(intruders));
    }

    private static async Task<long> CountIntrudersAsync() =>
        (await TestData.QueryAsync("SELECT count(*) FROM accounts WHERE name = 'intruder'", r => r.GetInt64(0))).Single();
}
