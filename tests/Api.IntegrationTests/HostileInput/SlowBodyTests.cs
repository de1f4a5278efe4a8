using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using static QuickImport.Api.IntegrationTests.Support.Ids;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// Slow bodies and slow headers (slowloris): a client that sends slower than
/// <c>QuickImport:RequestLimits</c> allows is answered 408 and cut off within seconds, and nothing is
/// written. These need a real Kestrel (<see cref="ApiInstanceOptions.OnRealKestrel"/>); the limits are shortened so the tests
/// take seconds, the defaults (240 bytes/s after 5 s, headers within 30 s) are Kestrel's.
/// </summary>
public sealed class SlowBodyTests
{
    private static readonly (string, string)[] ShortLimits =
    [
        ("QuickImport:RequestLimits:MinBodyDataRate", "100"),
        ("QuickImport:RequestLimits:BodyDataRateGracePeriod", "00:00:02"),
        ("QuickImport:RequestLimits:RequestHeadersTimeout", "00:00:02"),
    ];

    [Test]
    [CancelAfter(60_000)]
    public async Task A_body_trickling_in_slower_than_the_minimum_rate_is_cut_off()
    {
        var account = await TestData.CreateAccountAsync();
        var form = $"token={account.Token}&db_id={Id(account.DatabaseId)}&email=slow%40example.com&_fname=";
        var body = form + new string('a', 200);
        await using var server = ApiInstance.Start(ApiInstanceOptions.Default.With(ShortLimits).OnRealKestrel());

        var (statusLine, elapsed) = await RawHttp.TrickleAsync(server.Address, Head(server, body.Length) + form, body[form.Length..], TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20));

        Assert.That(statusLine, Is.EqualTo("HTTP/1.1 408 Request Timeout"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "cut off soon after the grace period, not when the body ends");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_same_body_sent_at_once_is_imported()
    {
        var account = await TestData.CreateAccountAsync();
        var body = $"token={account.Token}&db_id={Id(account.DatabaseId)}&email=slow%40example.com&_fname={new string('a', 200)}";
        await using var server = ApiInstance.Start(ApiInstanceOptions.Default.With(ShortLimits).OnRealKestrel());

        var (statusLine, _) = await RawHttp.TrickleAsync(server.Address, Head(server, body.Length) + body, string.Empty, TimeSpan.Zero, TimeSpan.FromSeconds(20));

        Assert.That(statusLine, Is.EqualTo("HTTP/1.1 200 OK"));
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Headers_trickling_in_past_the_headers_timeout_are_cut_off()
    {
        await using var server = ApiInstance.Start(ApiInstanceOptions.Default.With(ShortLimits).OnRealKestrel());
        var padding = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Slow-{i}: a\r\n"));

        var (statusLine, elapsed) = await RawHttp.TrickleAsync(server.Address, $"POST {ImportApi.Path} HTTP/1.1\r\n", padding, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20));

        Assert.That(statusLine, Is.EqualTo("HTTP/1.1 408 Request Timeout"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "cut off soon after the timeout, not when the headers end");
    }

    private static string Head(ApiInstance server, int contentLength) =>
        $"POST {ImportApi.Path} HTTP/1.1\r\nHost: 127.0.0.1:{server.Address.Port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {contentLength}\r\nConnection: close\r\n\r\n";
}
