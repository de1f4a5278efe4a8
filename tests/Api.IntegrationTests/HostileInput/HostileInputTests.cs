using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// Issue 7: every request of <see cref="HostileCorpus"/> goes through real HTTP (the in-memory server)
/// to its endpoint, is answered with its 4xx — never a 5xx — in the endpoint's error form, and leaves
/// the store exactly as it was.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly Dictionary<int, string> ImportTexts = new()
    {
        [400] = "Bad request, please verify request parameters",
        [403] = "Invalid API key",
        [404] = "No database or subscription resource found",
        [413] = "Request body too large",
    };

    private HostileTarget target = null!;

    public static IEnumerable<TestCaseData> Corpus() =>
        HostileCorpus.All().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [OneTimeSetUp]
    public async Task CreateTargetAsync() => target = await HostileTarget.CreateAsync();

    [Test]
    public void The_corpus_holds_at_least_200_distinct_requests()
    {
        var names = HostileCorpus.All().Select(c => c.Name).ToList();

        Assert.That(names, Has.Count.GreaterThanOrEqualTo(200));
        Assert.That(names, Is.Unique);
    }

    [TestCaseSource(nameof(Corpus))]
    public async Task A_hostile_request_is_refused_and_writes_nothing(HostileRequest hostile)
    {
        Assert.That(hostile.Status, Is.InRange(400, 499), "the corpus expects a client error");
        var before = await StoreSnapshot.TakeAsync(target.Account.DatabaseId);
        var errorsBefore = ServerErrors();

        using var request = hostile.Build(target);
        using var client = TestEnvironment.Api.CreateClient();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var answer = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}";

        Assert.That((int)response.StatusCode, Is.LessThan(500), answer);
        Assert.That((int)response.StatusCode, Is.EqualTo(hostile.Status), answer);
        switch (hostile.Endpoint)
        {
            case HostileEndpoint.Import:
                AssertText(body, ImportTexts[hostile.Status], hostile.Detail);
                break;
            case HostileEndpoint.Read:
                AssertEnvelope(body, hostile.Status, hostile.Detail);
                break;
            default:
                AssertProblem(response.Content.Headers.ContentType, body, hostile.Status);
                break;
        }

        Assert.That(response.Headers.Contains("Set-Cookie"), Is.False, "no header is made of what was sent");
        Assert.That(await StoreSnapshot.TakeAsync(target.Account.DatabaseId), Is.EqualTo(before), "a refused request writes nothing");
        Assert.That(ServerErrors(), Is.EqualTo(errorsBefore), "an expected refusal is not logged as an error");
    }

    private static int ServerErrors() => TestEnvironment.Api.Log.Entries.Count(e => e.Level >= LogLevel.Error);

    private static void AssertText(string body, string text, string? detail)
    {
        Assert.That(body, Does.StartWith(text));
        if (detail is not null)
        {
            Assert.That(body, Does.StartWith($"{text}: ").And.Contain(detail));
        }
    }

    private static void AssertEnvelope(string body, int status, string? detail)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.That(json["error"]!.GetValue<int>(), Is.EqualTo(status), body);
        Assert.That(json["error_text"]!.GetValue<string>(), Is.EqualTo(status == 400 ? ImportTexts[400] : ReadText(status)), body);
        if (detail is not null)
        {
            Assert.That(json["details"]?.GetValue<string>(), Does.Contain(detail), body);
        }
    }

    private static string ReadText(int status) => status == 404 ? "Profile not found" : ImportTexts[status];

    private static void AssertProblem(MediaTypeHeaderValue? contentType, string body, int status)
    {
        Assert.That(contentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        Assert.That(JsonNode.Parse(body)!["status"]!.GetValue<int>(), Is.EqualTo(status), body);
    }
}
