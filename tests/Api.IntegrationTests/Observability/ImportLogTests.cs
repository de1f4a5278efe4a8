using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Observability;

/// <summary>Every import writes one line with its request id, account and outcome — and never its token, email or phone.</summary>
public sealed class ImportLogTests
{
    private const string Phone = "8 (916) 555-12-34";
    private static readonly string[] PhoneForms = [Phone, "79165551234", "+79165551234", "9165551234"];

    // An instance of its own: its log holds only these tests' entries.
    private ApiInstance host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = ApiInstance.Start(ApiInstanceOptions.Default);

    [OneTimeTearDown]
    public async Task StopHost() => await host.DisposeAsync();

    [Test]
    public async Task A_successful_import_logs_request_id_account_and_outcome_but_no_personal_data()
    {
        var account = await TestData.CreateAccountAsync();
        var email = $"log-{Guid.NewGuid():N}@example.com";
        var requestId = $"obs-{Guid.NewGuid():N}";

        // The token in the query string, the personal data in the body: neither may reach a log.
        var answer = await SendAsync(
            $"?token={Uri.EscapeDataString(account.Token)}",
            requestId,
            ("db_id", account.DatabaseId.ToString(CultureInfo.InvariantCulture)),
            ("email", email),
            ("phone", Phone),
            ("matching", "email_phone"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());

        var line = await AnsweredLineAsync(requestId);
        Assert.Multiple(() =>
        {
            Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(line.Message, Does.StartWith("Import answered 200 created in "));
            Assert.That(line.Values, Does.Contain($"AccountId={account.Id}"));
            Assert.That(line.Values, Does.Contain("Outcome=created"));
            Assert.That(line.Values, Does.Contain("Matching=email_phone"));
            Assert.That(line.Scopes, Does.Contain($"RequestId={requestId}"));
        });
        AssertNothingLogged([account.Token, email, .. PhoneForms]);
    }

    [Test]
    public async Task A_batch_logs_one_line_with_its_matching_mode_but_no_personal_data()
    {
        var account = await TestData.CreateAccountAsync();
        var email = $"batch-log-{Guid.NewGuid():N}@example.com";
        var requestId = $"obs-{Guid.NewGuid():N}";
        var body = BatchApi.Body(account, BatchApi.Items(new System.Text.Json.Nodes.JsonObject { ["email"] = email }), ("matching", "email_profile"));

        var answer = await host.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, BatchApi.ImportBatch) { Content = ImportApi.Json(body.ToJsonString()) }.WithHeader("Request-ID", requestId));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());

        var line = await AnsweredLineAsync(requestId);
        Assert.That(line.Message, Does.StartWith("Import answered 200 batch in "));
        Assert.That(line.Values, Does.Contain("Matching=email_profile"));
        AssertNothingLogged([account.Token, email]);
    }

    [Test]
    public async Task A_rejected_import_logs_its_status_without_the_token_it_sent()
    {
        var account = await TestData.CreateAccountAsync();
        var wrongToken = $"wrong-{Guid.NewGuid():N}";
        var email = $"log-{Guid.NewGuid():N}@example.com";
        var requestId = $"obs-{Guid.NewGuid():N}";

        var answer = await SendAsync(
            string.Empty,
            requestId,
            ("token", wrongToken),
            ("db_id", account.DatabaseId.ToString(CultureInfo.InvariantCulture)),
            ("email", email),
            ("phone", Phone));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden), answer.ToString());

        var line = await AnsweredLineAsync(requestId);
        Assert.Multiple(() =>
        {
            Assert.That(line.Message, Does.StartWith("Import answered 403 Forbidden in "));
            Assert.That(line.Values, Does.Contain("AccountId="), "no account was authenticated");
        });
        AssertNothingLogged([wrongToken, email, .. PhoneForms]);
    }

    [Test]
    public async Task Without_a_request_id_header_the_server_trace_identifier_is_the_request_id()
    {
        var account = await TestData.CreateAccountAsync();
        var answer = await host.ImportAsync(account, ("email", $"log-{Guid.NewGuid():N}@example.com"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());

        var line = await PollAsync(() => host.Log.Entries.LastOrDefault(e =>
            e.Message.StartsWith("Import answered", StringComparison.Ordinal) && e.Values.Contains($"AccountId={account.Id}")));
        Assert.That(line.Scopes.Where(s => s.StartsWith("RequestId=", StringComparison.Ordinal)).Distinct().Count(), Is.EqualTo(1), string.Join(", ", line.Scopes));
    }

    private Task<InstanceAnswer> SendAsync(string query, string requestId, params (string Name, string Value)[] body) =>
        host.SendAsync(ApiInstance.Post(ImportApi.Path + query, body).WithHeader("Request-ID", requestId));

    private Task<CapturedLog> AnsweredLineAsync(string requestId) =>
        PollAsync(() => host.Log.Entries.SingleOrDefault(e =>
            e.Message.StartsWith("Import answered", StringComparison.Ordinal) && e.Scopes.Contains($"RequestId={requestId}")));

    private void AssertNothingLogged(string[] secrets)
    {
        var leaks = host.Log.Entries
            .SelectMany(e => e.Texts.Select(text => (Entry: e, Text: text)))
            .Where(t => secrets.Any(secret => t.Text.Contains(secret, StringComparison.OrdinalIgnoreCase)))
            .Select(t => $"{t.Entry.Category} {t.Entry.Level}: {t.Text}")
            .ToList();
        Assert.That(leaks, Is.Empty);
    }

    // The line is written as the request ends, which may be just after the client has read the answer.
    private static async Task<CapturedLog> PollAsync(Func<CapturedLog?> find)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new AssertionException("no \"Import answered\" line was logged");
    }
}
