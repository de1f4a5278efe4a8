using System.Globalization;
using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Automation;

namespace QuickImport.Api.IntegrationTests.RateLimiting;

/// <summary>
/// The per-token limit on the import endpoint (<c>QuickImport:RateLimit</c>, off by default): over it,
/// 429 with <c>Retry-After</c> and the IETF draft's <c>RateLimit-*</c> headers, and nothing runs.
/// </summary>
public sealed class TokenRateLimitTests
{
    private const int Limit = 3;

    private ApiInstance limited = null!;

    [OneTimeSetUp]
    public void StartInstance() =>
        limited = ApiInstance.With(("QuickImport:RateLimit:PermitLimit", "3"), ("QuickImport:RateLimit:Window", "00:00:10"));

    [OneTimeTearDown]
    public Task StopInstanceAsync() => limited.DisposeAsync().AsTask();

    public enum TokenPlacement
    {
        FormBody,
        QueryString,
        BearerHeader,
    }

    [TestCase(TokenPlacement.FormBody)]
    [TestCase(TokenPlacement.QueryString)]
    [TestCase(TokenPlacement.BearerHeader)]
    public async Task An_import_over_the_limit_is_429_with_rate_limit_headers_and_does_not_run(TokenPlacement placement)
    {
        var account = await TestData.CreateAccountAsync();
        var trigger = await TestData.CreateAutomationAsync(AutomationKind.Trigger, account.Id, account.DatabaseId);

        var answers = new List<InstanceAnswer>();
        for (var i = 0; i <= Limit; i++)
        {
            answers.Add(await limited.SendAsync(Import(account, placement, ("email", $"user{i}@example.com"), ("trigger_id", ApiInstance.Id(trigger)))));
        }

        var all = string.Join(Environment.NewLine, answers);
        Assert.That(answers.Take(Limit).Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), all);
        var rejected = answers[Limit];
        Assert.That(rejected.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), all);
        Assert.That(rejected.Body, Does.StartWith("Too many requests"));
        Assert.That(rejected.ContentType, Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(Seconds(rejected, "Retry-After"), Is.InRange(1, 10), rejected.ToString());
        Assert.That(rejected.Header("RateLimit-Limit"), Is.EqualTo("3"), rejected.ToString());
        Assert.That(rejected.Header("RateLimit-Remaining"), Is.EqualTo("0"), rejected.ToString());
        Assert.That(Seconds(rejected, "RateLimit-Reset"), Is.InRange(1, 10), rejected.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(Limit), "the rejected import stored nothing");
        Assert.That(await TestData.AutomationRunsAsync(trigger), Has.Count.EqualTo(Limit));
    }

    [Test]
    public async Task Another_token_is_not_limited_by_a_token_over_its_limit()
    {
        var account = await TestData.CreateAccountAsync();
        var sameAccount = account with { Token = await TestData.CreateTokenAsync(account.Id) };
        var stranger = await TestData.CreateAccountAsync();
        for (var i = 0; i < Limit; i++)
        {
            var allowed = await limited.ImportAsync(account, ("email", $"user{i}@example.com"));
            Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK), allowed.ToString());
        }

        var over = await limited.ImportAsync(account, ("email", "over@example.com"));
        var otherToken = await limited.ImportAsync(sameAccount, ("email", "other-token@example.com"));
        var otherAccount = await limited.ImportAsync(stranger, ("email", "stranger@example.com"));

        Assert.That(over.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), over.ToString());
        Assert.That(otherToken.Status, Is.EqualTo(HttpStatusCode.OK), otherToken.ToString());
        Assert.That(otherAccount.Status, Is.EqualTo(HttpStatusCode.OK), otherAccount.ToString());
    }

    [Test]
    public async Task A_token_is_limited_alike_wherever_it_is_sent()
    {
        var account = await TestData.CreateAccountAsync();
        var placements = new[] { TokenPlacement.FormBody, TokenPlacement.QueryString, TokenPlacement.BearerHeader, TokenPlacement.FormBody };

        var answers = new List<InstanceAnswer>();
        for (var i = 0; i < placements.Length; i++)
        {
            answers.Add(await limited.SendAsync(Import(account, placements[i], ("email", $"user{i}@example.com"))));
        }

        Assert.That(
            answers.Select(a => a.Status),
            Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }),
            string.Join(Environment.NewLine, answers));
    }

    [Test]
    public async Task A_rejected_import_runs_once_the_window_has_passed_and_is_not_remembered_as_a_duplicate()
    {
        await using var instance = ApiInstance.With(
            ("QuickImport:RateLimit:PermitLimit", "1"),
            ("QuickImport:RateLimit:Window", "00:00:02"),
            ("QuickImport:Deduplication:Enabled", "true"));
        var account = await TestData.CreateAccountAsync();

        var allowed = await instance.ImportAsync(account, ("email", "first@example.com"));
        var rejected = await instance.ImportAsync(account, ("email", "second@example.com"));
        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK), allowed.ToString());
        Assert.That(rejected.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), rejected.ToString());
        Assert.That(Seconds(rejected, "Retry-After"), Is.InRange(1, 2), rejected.ToString());

        await Task.Delay(TimeSpan.FromSeconds(Seconds(rejected, "Retry-After")) + TimeSpan.FromMilliseconds(300));
        var retried = await instance.ImportAsync(account, ("email", "second@example.com"));

        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(retried.IsReplay, Is.False, retried.ToString());
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(2));
    }

    [Test]
    public async Task By_default_a_token_is_never_limited()
    {
        var account = await TestData.CreateAccountAsync();

        var sequential = new List<ApiAnswer>();
        for (var i = 0; i < 20; i++)
        {
            sequential.Add(await ImportApi.ImportAsync(account, ("email", $"one-by-one{i}@example.com")));
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ImportApi.ImportAsync(account, ("email", $"at-once{i}@example.com"))));

        Assert.That(sequential.Concat(parallel).Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), string.Join(Environment.NewLine, sequential.Concat(parallel)));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(40));
    }

    private static HttpRequestMessage Import(TestAccount account, TokenPlacement placement, params (string Name, string Value)[] parameters)
    {
        (string, string) database = ("db_id", ApiInstance.Id(account.DatabaseId));
        return placement switch
        {
            TokenPlacement.FormBody => ApiInstance.Import(account, parameters),
            TokenPlacement.QueryString => ApiInstance.Post($"{ImportApi.Path}?token={Uri.EscapeDataString(account.Token)}", [database, .. parameters]),
            TokenPlacement.BearerHeader => ApiInstance.Post(ImportApi.Path, [database, .. parameters]).WithBearer(account.Token),
            _ => throw new ArgumentOutOfRangeException(nameof(placement)),
        };
    }

    private static int Seconds(InstanceAnswer answer, string header) =>
        int.TryParse(answer.Header(header), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new AssertionException($"{header} is not a number of seconds: {answer}");
}
