using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using QuickImport.Domain.Automation;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>
/// Calls the admin API (docs/api.md §2) through real HTTP with the admin key, the way an operator does.
/// The typed calls fail the test when the API does not answer with the expected success; error
/// cases go through <see cref="SendAsync(HttpMethod, string, JsonNode?)"/>.
/// </summary>
public static class AdminApi
{
    public const string Root = "/api/admin";

    public static async Task<int> CreateAccountAsync(string name, int? profileLimit)
    {
        var answer = await ExpectAsync(
            HttpStatusCode.Created,
            HttpMethod.Post,
            "accounts",
            new JsonObject { ["name"] = name, ["profile_limit"] = profileLimit });
        return answer.Object["id"]!.GetValue<int>();
    }

    public static async Task<JsonObject> GetAccountAsync(int accountId) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"accounts/{accountId}")).Object;

    public static async Task<JsonObject> PatchLimitAsync(int accountId, int? profileLimit) =>
        (await ExpectAsync(
            HttpStatusCode.OK,
            HttpMethod.Patch,
            $"accounts/{accountId}",
            new JsonObject { ["profile_limit"] = profileLimit })).Object;

    public static async Task<(int Id, string Secret)> CreateTokenAsync(int accountId, string name = "test")
    {
        var token = (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"accounts/{accountId}/tokens", new JsonObject { ["name"] = name })).Object;
        return (token["id"]!.GetValue<int>(), token["token"]!.GetValue<string>());
    }

    public static Task RevokeTokenAsync(int tokenId) => ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"tokens/{tokenId}");

    public static async Task<int> CreateDatabaseAsync(int accountId, string name = "test database")
    {
        var database = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"accounts/{accountId}/databases", new JsonObject { ["name"] = name });
        return database.Object["id"]!.GetValue<int>();
    }

    public static async Task<JsonArray> FieldsAsync(int databaseId) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"databases/{databaseId}/fields")).Array;

    public static async Task<JsonObject> CreateFieldAsync(
        int databaseId,
        string name,
        string type,
        bool unique = false,
        bool required = false,
        IReadOnlyList<string>? options = null) =>
        (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"databases/{databaseId}/fields", FieldBody(name, type, unique, required, options))).Object;

    public static JsonObject FieldBody(string name, string type, bool unique = false, bool required = false, IReadOnlyList<string>? options = null) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["unique"] = unique,
        ["required"] = required,
        ["options"] = options is null ? null : new JsonArray([.. options.Select(o => (JsonNode)JsonValue.Create(o))]),
    };

    public static async Task<int> CreateResourceAsync(int databaseId, IReadOnlyList<string> channels, bool doubleOptIn = false)
    {
        var resource = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"databases/{databaseId}/resources", ResourceBody(channels, doubleOptIn));
        return resource.Object["id"]!.GetValue<int>();
    }

    public static JsonObject ResourceBody(IReadOnlyList<string> channels, bool doubleOptIn = false) => new()
    {
        ["name"] = "newsletter",
        ["channels"] = new JsonArray([.. channels.Select(c => (JsonNode)JsonValue.Create(c))]),
        ["double_opt_in"] = doubleOptIn,
    };

    public static Task<int> CreateTriggerAsync(int accountId, int databaseId, bool active = true) =>
        CreateAutomationAsync(AutomationKind.Trigger, accountId, databaseId, active);

    public static Task<int> CreateWorkflowAsync(int accountId, int databaseId, bool active = true) =>
        CreateAutomationAsync(AutomationKind.Workflow, accountId, databaseId, active);

    public static async Task<int> CreateAutomationAsync(AutomationKind kind, int accountId, int databaseId, bool active = true)
    {
        var automation = await ExpectAsync(
            HttpStatusCode.Created,
            HttpMethod.Post,
            $"accounts/{accountId}/{Collection(kind)}",
            new JsonObject { ["name"] = kind.ToString(), ["database_id"] = databaseId, ["active"] = active });
        return automation.Object["id"]!.GetValue<int>();
    }

    public static async Task<JsonObject> SetActiveAsync(AutomationKind kind, int automationId, bool active) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Collection(kind)}/{automationId}", new JsonObject { ["active"] = active })).Object;

    /// <summary>A trigger's launches or a scenario's enrollments.</summary>
    public static async Task<JsonArray> RunsAsync(AutomationKind kind, int automationId) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, RunsPath(kind, automationId))).Array;

    public static string RunsPath(AutomationKind kind, int automationId) =>
        kind == AutomationKind.Trigger ? $"triggers/{automationId}/launches" : $"workflows/{automationId}/enrollments";

    public static string Collection(AutomationKind kind) => kind == AutomationKind.Trigger ? "triggers" : "workflows";

    /// <summary>Sends a call with the admin key; <paramref name="path"/> is relative to <c>/api/admin</c>.</summary>
    public static Task<AdminAnswer> SendAsync(HttpMethod method, string path, JsonNode? body = null) =>
        SendAsync(method, path, body?.ToJsonString(), ApiInstance.AdminKey);

    /// <summary>Sends a raw JSON body (or none) with the given bearer key (or none).</summary>
    public static async Task<AdminAnswer> SendAsync(HttpMethod method, string path, string? json, string? bearerKey)
    {
        using var request = new HttpRequestMessage(method, $"{Root}/{path}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        }

        return await SendAsync(request);
    }

    /// <summary>Sends the request exactly as given: no admin key is added.</summary>
    public static async Task<AdminAnswer> SendAsync(HttpRequestMessage request)
    {
        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.SendAsync(request);
        return new AdminAnswer(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<AdminAnswer> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, JsonNode? body = null)
    {
        var answer = await SendAsync(method, path, body);
        return answer.Status == expected
            ? answer
            : throw new AssertionException($"{method} {Root}/{path}: expected {(int)expected}, got {answer}");
    }
}

/// <summary>An admin API answer: status, body and media type (without parameters).</summary>
public sealed record AdminAnswer(HttpStatusCode Status, string Body, string? MediaType)
{
    public JsonNode? Json
    {
        get
        {
            try
            {
                return Body.Length == 0 ? null : JsonNode.Parse(Body);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new AssertionException($"not JSON: {this}");
            }
        }
    }

    public JsonObject Object => Json?.AsObject() ?? throw new AssertionException($"no JSON object: {this}");

    public JsonArray Array => Json?.AsArray() ?? throw new AssertionException($"no JSON array: {this}");

    public override string ToString() => $"{(int)Status} {MediaType} {Body}";
}
