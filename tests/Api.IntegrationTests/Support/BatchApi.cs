using System.Text.Json.Nodes;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Calls the v1.1 import family (<c>/api/v1.1/profiles/import</c>, <c>import_batch</c>, <c>add_batch</c>, <c>update_batch</c>) with JSON bodies.</summary>
public static class BatchApi
{
    public const string Import = "/api/v1.1/profiles/import";
    public const string ImportBatch = "/api/v1.1/profiles/import_batch";
    public const string AddBatch = "/api/v1.1/profiles/add_batch";
    public const string UpdateBatch = "/api/v1.1/profiles/update_batch";

    /// <summary>A body for the account: its token and database, the items as <c>data</c>, then the other top-level parameters.</summary>
    public static JsonObject Body(TestAccount account, JsonNode data, params (string Name, JsonNode? Value)[] parameters)
    {
        var body = new JsonObject
        {
            ["token"] = account.Token,
            ["db_id"] = account.DatabaseId,
            ["data"] = data,
        };
        foreach (var (name, value) in parameters)
        {
            body[name] = value;
        }

        return body;
    }

    public static JsonArray Items(params JsonObject[] items) => [.. items];

    public static Task<ApiAnswer> PostAsync(string path, JsonObject body) => PostAsync(path, body.ToJsonString());

    public static Task<ApiAnswer> PostAsync(string path, string json) =>
        ImportApi.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = ImportApi.Json(json) });

    /// <summary>The answer's per-item results.</summary>
    public static JsonArray Results(ApiAnswer answer) => answer.Json["result"]!.AsArray();

    /// <summary>Each item's <c>error</c> code, in order.</summary>
    public static int[] Codes(ApiAnswer answer) => [.. Results(answer).Select(r => r!["error"]!.GetValue<int>())];

    public static string ProfileIdOf(JsonNode? result) => result!["profile_id"]!.GetValue<string>();
}
