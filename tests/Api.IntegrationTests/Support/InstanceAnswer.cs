using System.Net;
using System.Text.Json.Nodes;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>An answer of an <see cref="ApiInstance"/>, with its headers.</summary>
public sealed record InstanceAnswer(HttpStatusCode Status, string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    private const string AddedPrefix = "Successfully added ";

    private static readonly string[] ShownHeaders =
        ["Duplicate-Request", "Duplicate-Key", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    /// <summary>Answered from an earlier request's stored outcome (<c>Duplicate-Request: true</c>).</summary>
    public bool IsReplay => Header("Duplicate-Request") == "true";

    public string ProfileId => Body.StartsWith(AddedPrefix, StringComparison.Ordinal)
        ? Body[AddedPrefix.Length..]
        : throw new AssertionException($"not a success: {this}");

    /// <summary>What a client sees of the outcome, headers aside.</summary>
    public string Outcome => $"{(int)Status} {ContentType} {Body}";

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString()
    {
        var shown = ShownHeaders.Where(Headers.ContainsKey).Select(name => $"{name}: {Headers[name]}");
        return $"{(int)Status} {Body} [{string.Join("; ", shown)}]";
    }
}
