using System.Text.Json.Nodes;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.ReadApi;

/// <summary>Calls the read API (docs/api.md §5) through real HTTP, with a JSON body or a query string.</summary>
public static class ProfilesApi
{
    public const string Path = "/api/v1.1/profiles/get";

    public static Task<ApiAnswer> GetAsync(JsonObject body) =>
        ImportApi.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = ImportApi.Json(body.ToJsonString()) });

    /// <summary>The account's token and database, plus one lookup, as a JSON body.</summary>
    public static Task<ApiAnswer> GetAsync(TestAccount account, params (string Name, string Value)[] lookup)
    {
        var body = new JsonObject { ["token"] = account.Token, ["db_id"] = account.DatabaseId };
        foreach (var (name, value) in lookup)
        {
            body[name] = value;
        }

        return GetAsync(body);
    }

    public static Task<ApiAnswer> GetByQueryAsync(params (string Name, string Value)[] parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        return ImportApi.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path}?{query}"));
    }
}
