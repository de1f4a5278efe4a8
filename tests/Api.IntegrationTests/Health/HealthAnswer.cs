using System.Net;
using System.Text.Json.Nodes;

namespace QuickImport.Api.IntegrationTests.Health;

/// <summary>A health endpoint's answer: status code and the JSON report.</summary>
internal sealed record HealthAnswer(HttpStatusCode Status, string Body)
{
    public JsonObject Report => JsonNode.Parse(Body)!.AsObject();

    public string OverallStatus => Report["status"]!.GetValue<string>();

    public JsonObject Entries => Report["entries"]!.AsObject();

    public string EntryStatus(string name) => Entries[name]?["status"]?.GetValue<string>() ?? throw new AssertionException($"no entry {name}: {this}");

    public string? EntryDescription(string name) => Entries[name]?["description"]?.GetValue<string>();

    public static async Task<HealthAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return new HealthAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public override string ToString() => $"{(int)Status} {Body}";
}
