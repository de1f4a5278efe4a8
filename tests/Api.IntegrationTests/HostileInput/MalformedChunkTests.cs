using Microsoft.Extensions.Logging;
using QuickImport.Api.IntegrationTests.ReadApi;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// A chunked body whose chunk size does not fit in 64 bits, on a real Kestrel (the in-memory server
/// parses no chunks): Kestrel reports it as an <see cref="IOException"/> around an
/// <see cref="OverflowException"/>, not as a bad request. Each API answers it 400 in its own form, and
/// logs no error or stack for it.
/// </summary>
public sealed class MalformedChunkTests
{
    private const string OverflowingChunk = "FFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n";

    [TestCase(ImportApi.Path, "application/x-www-form-urlencoded", "Bad request, please verify request parameters: ", TestName = "A chunk size past 64 bits is 400 on the import")]
    [TestCase(ProfilesApi.Path, "application/json", "\"error\":400", TestName = "A chunk size past 64 bits is 400 on the read API")]
    [TestCase(AdminApi.Root + "/accounts", "application/json", "\"status\":400", TestName = "A chunk size past 64 bits is 400 on the admin API")]
    [CancelAfter(60_000)]
    public async Task A_chunk_size_past_64_bits_is_a_bad_request(string path, string contentType, string answered)
    {
        var account = await TestData.CreateAccountAsync();
        await using var server = ApiInstance.Start(ApiInstanceOptions.Default.OnRealKestrel());
        var logged = server.Log.Entries.Count;

        var answer = await RawHttp.SendAsync(
            server.Address,
            $"POST {path}?token={account.Token}&db_id={account.DatabaseId} HTTP/1.1\r\nHost: 127.0.0.1:{server.Address.Port}\r\n"
            + $"Authorization: Bearer {ApiInstance.AdminKey}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + OverflowingChunk,
            TimeSpan.FromSeconds(20));

        Assert.That(answer, Does.StartWith("HTTP/1.1 400 Bad Request"));
        Assert.That(answer, Does.Contain(answered).And.Contain("Bad chunk size data"));
        var logs = server.Log.Entries.Skip(logged).ToList();
        Assert.That(logs.Where(e => e.Level >= LogLevel.Error), Is.Empty, "a client's malformed body is not a server error");
        Assert.That(logs.Where(e => e.Level >= LogLevel.Warning && e.Message.Contains("   at ", StringComparison.Ordinal)), Is.Empty, "no stack");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.Zero);
    }
}
