using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace QuickImport.Tools.LoadCheck;

/// <summary>An account with everything an import can touch, made through the admin API (docs/api.md §2) as an operator would.</summary>
internal sealed record LoadAccount(int AccountId, string Token, int DatabaseId, int ResourceId, int TriggerId, int WorkflowId, int? ProfileLimit)
{
    /// <summary>The custom unique field the contention phase matches on.</summary>
    public const string KeyField = "crm_id";

    public static async Task<LoadAccount> CreateAsync(HttpClient http, string adminKey, string name, int? profileLimit)
    {
        async Task<JsonObject> PostAsync(string path, JsonObject body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/{path}") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(text)!.AsObject()
                : throw new InvalidOperationException($"admin POST {path}: {(int)response.StatusCode} {text}");
        }

        var accountId = (int)(await PostAsync("accounts", new JsonObject { ["name"] = name, ["profile_limit"] = profileLimit }))["id"]!;
        var token = (string)(await PostAsync($"accounts/{accountId}/tokens", new JsonObject { ["name"] = "loadcheck" }))["token"]!;
        var databaseId = (int)(await PostAsync($"accounts/{accountId}/databases", new JsonObject { ["name"] = name }))["id"]!;
        await PostAsync(
            $"databases/{databaseId}/fields",
            new JsonObject { ["name"] = KeyField, ["type"] = "string", ["unique"] = true, ["required"] = false });
        var resourceId = (int)(await PostAsync(
            $"databases/{databaseId}/resources",
            new JsonObject { ["name"] = "newsletter", ["channels"] = new JsonArray("email", "sms"), ["double_opt_in"] = false }))["id"]!;
        var automation = new JsonObject { ["name"] = "welcome", ["database_id"] = databaseId, ["active"] = true };
        var triggerId = (int)(await PostAsync($"accounts/{accountId}/triggers", automation))["id"]!;
        var workflowId = (int)(await PostAsync($"accounts/{accountId}/workflows", automation.DeepClone().AsObject()))["id"]!;
        return new LoadAccount(accountId, token, databaseId, resourceId, triggerId, workflowId, profileLimit);
    }
}
