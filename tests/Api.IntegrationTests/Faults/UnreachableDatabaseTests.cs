using System.Diagnostics;
using System.Net;
using System.Text;
using System.Net.Http.Headers;
using QuickImport.Api.IntegrationTests.Health;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>ADR 20: with PostgreSQL down, every API answers a fast 503 that says so, never a hang or a 500.</summary>
public sealed class UnreachableDatabaseTests
{
    private const string Unavailable = "Service temporarily unavailable: the database is unavailable; nothing was written, retry later";

    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(2);

    [Test]
    public async Task An_import_answers_503_in_plain_text_with_Retry_After_quickly_also_through_deduplication()
    {
        // Deduplication is on in production: its claim is the import's first statement.
        await using var deduplicating = ApiInstance.Start(OnClosedPort().WithDeduplication());

        var (answer, elapsed) = await TimedAsync(deduplicating, Import(), acceptJson: false);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.Body, Is.EqualTo(Unavailable));
            Assert.That(answer.ContentType, Is.EqualTo("text/plain; charset=utf-8"));
            Assert.That(answer.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(elapsed, Is.LessThan(Fast));
        });
    }

    [Test]
    public async Task An_import_asking_for_JSON_answers_the_503_envelope_without_a_stack_or_SQL()
    {
        await using var host = ApiInstance.Start(OnClosedPort());
        var (answer, elapsed) = await TimedAsync(host, Import(), acceptJson: true);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.ContentType, Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(503));
            Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo("Service temporarily unavailable"));
            Assert.That(answer.Json["details"]!.GetValue<string>(), Is.EqualTo("the database is unavailable; nothing was written, retry later"));
            Assert.That(answer.Body, Does.Not.Contain("Npgsql").And.Not.Contain(" at ").And.Not.Contain("SELECT").And.Not.Contain("127.0.0.1"));
            Assert.That(answer.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(elapsed, Is.LessThan(Fast));
        });
    }

    [Test]
    public async Task The_read_API_answers_503_in_its_JSON_envelope()
    {
        await using var host = ApiInstance.Start(OnClosedPort());
        using var request = new HttpRequestMessage(HttpMethod.Post, ProfilesApi.Path)
        {
            Content = ImportApi.Json("""{"token": "any-token", "db_id": 1, "email": "ann@example.com"}"""),
        };

        var (answer, elapsed) = await TimedAsync(host, request, acceptJson: false);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.Json["error"]!.GetValue<int>(), Is.EqualTo(503));
            Assert.That(answer.Json["error_text"]!.GetValue<string>(), Is.EqualTo("Service temporarily unavailable"));
            Assert.That(answer.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(elapsed, Is.LessThan(Fast));
        });
    }

    [Test]
    public async Task The_admin_API_answers_503_problem_details()
    {
        await using var host = ApiInstance.Start(OnClosedPort());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{AdminApi.Root}/accounts")
        {
            Content = new StringContent("""{"name": "down", "profile_limit": null}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", ApiInstance.AdminKey);

        var (answer, elapsed) = await TimedAsync(host, request, acceptJson: false);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), answer.ToString());
            Assert.That(answer.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(answer.Json["status"]!.GetValue<int>(), Is.EqualTo(503));
            Assert.That(answer.Json["title"]!.GetValue<string>(), Is.EqualTo("Service Unavailable"));
            Assert.That(answer.Json["detail"]!.GetValue<string>(), Is.EqualTo("the database is unavailable; nothing was written, retry later"));
            Assert.That(answer.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(elapsed, Is.LessThan(Fast));
        });
    }

    // No Timeout in the connection string: the service's own defaults must make it fail fast.
    private static ApiInstanceOptions OnClosedPort() =>
        ApiInstanceOptions.Default.OnDatabase($"Host=127.0.0.1;Port={HealthEndpointTests.ClosedPort()};Database=quickimport;Username=quickimport;Password=none");

    private static HttpRequestMessage Import() =>
        new(HttpMethod.Post, ImportApi.Path)
        {
            Content = ImportApi.Form([("token", "any-token"), ("db_id", "1"), ("email", "ann@example.com")]),
        };

    private static async Task<(InstanceAnswer Answer, TimeSpan Elapsed)> TimedAsync(ApiInstance host, HttpRequestMessage request, bool acceptJson)
    {
        // The host's first request is not what is measured.
        await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/health/live"));
        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        var clock = Stopwatch.StartNew();
        var answer = await host.SendAsync(request);
        return (answer, clock.Elapsed);
    }
}
