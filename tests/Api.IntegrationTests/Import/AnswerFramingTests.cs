using System.Net;
using System.Net.Http.Headers;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>
/// Every answer of the import goes out with its Content-Length, not chunked, and a status line with a
/// reason phrase: a chunked answer's
/// closing chunk leaves in a packet of its own once the request ends. Only a real Kestrel frames
/// answers (<see cref="ApiInstanceOptions.OnRealKestrel"/>); the in-memory TestServer does not. Deduplication is on, as in
/// production: its middleware sends the answers it buffered.
/// </summary>
public sealed class AnswerFramingTests
{
    private ApiInstance server = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        server = ApiInstance.Start(ApiInstanceOptions.Default.WithDeduplication().OnRealKestrel());
        client = new HttpClient { BaseAddress = server.Address };
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task An_import_and_its_replay_are_sent_with_their_length(bool acceptJson)
    {
        var account = await TestData.CreateAccountAsync();
        var requestId = Guid.NewGuid().ToString();

        var original = await SendAsync(account, acceptJson, requestId, ("email", "ann@example.com"));
        var replay = await SendAsync(account, acceptJson, requestId, ("email", "ann@example.com"));

        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.OK), original.Body);
        AssertFramedByLength(original);
        Assert.That(replay.Replayed, Is.True, "the repeat is answered from the stored outcome");
        Assert.That(replay.Body, Is.EqualTo(original.Body));
        AssertFramedByLength(replay);
    }

    [Test]
    public async Task A_refusal_is_sent_with_its_length()
    {
        var account = await TestData.CreateAccountAsync();

        var refusal = await SendAsync(account, acceptJson: false, requestId: null, ("email", "not an email"));

        Assert.That(refusal.Status, Is.EqualTo(HttpStatusCode.BadRequest), refusal.Body);
        AssertFramedByLength(refusal);
    }

    [Test]
    public async Task A_uniqueness_conflict_and_its_replay_have_Altcraft_s_reason_phrase()
    {
        var account = await TestData.CreateAccountAsync();
        await SendAsync(account, acceptJson: false, requestId: null, ("email", "ann@example.com"));
        await SendAsync(account, acceptJson: false, requestId: null, ("email", "bob@example.com"), ("phone", "+79161234567"));
        var requestId = Guid.NewGuid().ToString();

        // Bob's profile, found by his phone, would take Ann's email.
        (string, string)[] takesAnnsEmail = [("matching", "phone"), ("phone", "+79161234567"), ("email", "ann@example.com")];
        var conflict = await SendAsync(account, acceptJson: false, requestId, takesAnnsEmail);
        var replay = await SendAsync(account, acceptJson: false, requestId, takesAnnsEmail);

        Assert.Multiple(() =>
        {
            Assert.That((int)conflict.Status, Is.EqualTo(435), conflict.Body);
            Assert.That(conflict.ReasonPhrase, Is.EqualTo("Unable to keep field unique"), "HTTP/1.1 435 Unable to keep field unique");
            Assert.That(replay.Replayed, Is.True, "the repeat is answered from the stored outcome");
            Assert.That(replay.ReasonPhrase, Is.EqualTo("Unable to keep field unique"));
        });
    }

    private static void AssertFramedByLength(Framed answer)
    {
        Assert.That(answer.Chunked, Is.False, "not Transfer-Encoding: chunked");
        Assert.That(answer.ContentLength, Is.EqualTo(answer.BodyBytes), "Content-Length is the body's size in bytes");
    }

    private async Task<Framed> SendAsync(TestAccount account, bool acceptJson, string? requestId, params (string Name, string Value)[] parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ImportApi.Path)
        {
            Content = ImportApi.Form(account, parameters),
        };
        if (acceptJson)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        if (requestId is not null)
        {
            request.Headers.Add("Request-ID", requestId);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var length = response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? long.Parse(values.ToString(), System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
        return new Framed(
            response.StatusCode,
            System.Text.Encoding.UTF8.GetString(body),
            body.Length,
            length,
            response.Headers.TransferEncodingChunked == true,
            response.Headers.Contains("Duplicate-Request"),
            response.ReasonPhrase);
    }

    private sealed record Framed(HttpStatusCode Status, string Body, long BodyBytes, long? ContentLength, bool Chunked, bool Replayed, string? ReasonPhrase);
}
