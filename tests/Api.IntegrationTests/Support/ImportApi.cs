using System.Net;
using System.Net.Http.Headers;
using System.Text;

using QuickImport.Api.IntegrationTests;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>Calls the import endpoint through real HTTP (in-memory server) the ways clients do.</summary>
public static class ImportApi
{
    public const string Path = "/api/integrations/any/profile_import";

    /// <summary>A plain-text success: the profile's id, 24 hexadecimal digits.</summary>
    public const string AddedPattern = "^Successfully added [0-9a-f]{24}$";

    public static Task<ApiAnswer> PostFormAsync(params (string Name, string Value)[] parameters) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = Form(parameters) });

    /// <summary>Form body, plus the account's token and database unless the test sends its own.</summary>
    public static Task<ApiAnswer> ImportAsync(TestAccount account, params (string Name, string Value)[] parameters) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = Form(account, parameters) });

    /// <summary>An import a test makes to set up what it tests: it must succeed; returns the profile's id.</summary>
    public static async Task<string> CreateAsync(TestAccount account, params (string Name, string Value)[] parameters)
    {
        var answer = await ImportAsync(account, parameters);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), $"set-up import: {answer}");
        Assert.That(answer.Body, Does.Match(AddedPattern), $"set-up import: {answer}");
        return answer.ProfileId;
    }

    /// <summary>An import's form body: the account's token and database, then the parameters.</summary>
    public static FormUrlEncodedContent Form(TestAccount account, IEnumerable<(string Name, string Value)> parameters) =>
        Form([("token", account.Token), ("db_id", account.DatabaseId.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. parameters]);

    public static FormUrlEncodedContent Form(IEnumerable<(string Name, string Value)> parameters) =>
        new(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<ApiAnswer> SendAsync(HttpRequestMessage request, bool acceptJson = false)
    {
        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.SendAsync(request);
        return new ApiAnswer(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.ToString());
    }
}

public sealed record ApiAnswer(HttpStatusCode Status, string Body, string? ContentType)
{
    private const string AddedPrefix = "Successfully added ";

    /// <summary>The profile id of a plain-text success.</summary>
    public string ProfileId => Body.StartsWith(AddedPrefix, StringComparison.Ordinal)
        ? Body[AddedPrefix.Length..]
        : throw new AssertionException($"not a success: {(int)Status} {Body}");

    public System.Text.Json.Nodes.JsonObject Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!.AsObject();

    public override string ToString() => $"{(int)Status} {Body}";
}
