using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using QuickImport.Api.Binding;
using QuickImport.Api.Deduplication;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>
/// The <c>request_deduplication</c> table, read and written directly, and the key the API computes
/// for a request (by the API's own reader and <see cref="QuickImport.Api.Deduplication.DeduplicationKey"/>).
/// Rows written here are claims of a test account (0), made so long ago that they are live for as
/// long as asked under the default window (24 hours) and lease (2 minutes).
/// </summary>
public static class DeduplicationTable
{
    private const string Live = "claimed_at > now() - interval '24 hours' AND (status IS NOT NULL OR claimed_at > now() - interval '2 minutes')";

    public static async Task<string> KeyOfAsync(HttpRequestMessage message)
    {
        var uri = new Uri(new Uri("http://localhost"), message.RequestUri!);
        var request = new DefaultHttpContext().Request;
        request.Method = message.Method.Method;
        request.Path = PathString.FromUriComponent(uri);
        request.QueryString = QueryString.FromUriComponent(uri);
        foreach (var (name, values) in message.Headers)
        {
            request.Headers[name] = new StringValues([.. values]);
        }

        if (message.Content is { } content)
        {
            var body = await content.ReadAsByteArrayAsync();
            request.ContentType = content.Headers.ContentType?.ToString();
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body);
        }

        var (read, sent) = await RequestParametersReader.ReadAsync(request, new QuickImport.Api.Limits.RequestLimits(), CancellationToken.None);
        return DeduplicationKey.For(request, read.Token, sent).ToString();
    }

    public static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A request holding <paramref name="key"/> that has not finished (or whose process died): its lease ends in <paramref name="leaseLeft"/>.</summary>
    public static Task InsertRunningAsync(string key, TimeSpan leaseLeft) =>
        ExecuteAsync(
            "INSERT INTO request_deduplication (key, claimed_at) VALUES ($1::uuid, now() - interval '2 minutes' + $2)",
            key,
            leaseLeft);

    /// <summary>A finished request's refusal, replayed for <paramref name="windowLeft"/> more.</summary>
    public static Task InsertRefusalAsync(string key, int status, string text, TimeSpan windowLeft) =>
        ExecuteAsync(
            "INSERT INTO request_deduplication (key, claimed_at, status, details) VALUES ($1::uuid, now() - interval '24 hours' + $2, $3, $4)",
            key,
            windowLeft,
            (short)status,
            Encoding.UTF8.GetBytes($$$"""{"refusal":{"status":{{{status}}},"text":"{{{text}}}"}}"""));

    /// <summary>A finished request's profile, created, replayed for <paramref name="windowLeft"/> more.</summary>
    public static Task InsertAddedAsync(string key, string profileId, TimeSpan windowLeft) =>
        ExecuteAsync(
            "INSERT INTO request_deduplication (key, claimed_at, status, profile_id, created) VALUES ($1::uuid, now() - interval '24 hours' + $2, 200, $3, true)",
            key,
            windowLeft,
            Convert.FromHexString(profileId));

    /// <summary>The running request holding <paramref name="key"/> finishes: it created <paramref name="profileId"/>.</summary>
    public static Task CompleteAsync(string key, string profileId) =>
        ExecuteAsync(
            "UPDATE request_deduplication SET status = 200, profile_id = $2, created = true WHERE key = $1::uuid AND status IS NULL",
            key,
            Convert.FromHexString(profileId));

    /// <summary>The key's live row (the newest, should a late holder have completed an old one).</summary>
    public static async Task<DeduplicationRow?> FindAsync(string key) =>
        (await TestData.QueryAsync(
            $"""
            SELECT status, encode(profile_id, 'hex'), claimed_at + CASE WHEN status IS NULL THEN interval '2 minutes' ELSE interval '24 hours' END - now()
            FROM request_deduplication WHERE key = $1::uuid AND {Live} ORDER BY claimed_at DESC LIMIT 1
            """,
            r => new DeduplicationRow(r.IsDBNull(0) ? null : r.GetInt16(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetTimeSpan(2)),
            key)).SingleOrDefault();

    /// <summary>
    /// The row once its request is over: its outcome stored, or the key given up (null). Outcomes are
    /// written just behind the answers, so a test that reads the table right after an answer waits
    /// for it, <paramref name="within"/> at most (5 s unless said).
    /// </summary>
    public static async Task<DeduplicationRow?> FindFinishedAsync(string key, TimeSpan? within = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        DeduplicationRow? row;
        while ((row = await FindAsync(key)) is { Status: null } && waited.Elapsed < (within ?? TimeSpan.FromSeconds(5)))
        {
            await Task.Delay(10);
        }

        return row;
    }

    /// <summary>Whether the key's row and the database's one profile were written by one transaction.</summary>
    public static async Task<bool> WrittenWithTheProfileOfAsync(string key, int databaseId) =>
        (await TestData.QueryAsync(
            "SELECT d.xmin = p.xmin FROM request_deduplication d, profiles p WHERE d.key = $1::uuid AND p.database_id = $2",
            r => r.GetBoolean(0),
            key,
            databaseId)).Single();

    public static Task DeleteAsync(string key) => ExecuteAsync("DELETE FROM request_deduplication WHERE key = $1::uuid", key);

    private static Task ExecuteAsync(string sql, params object[] parameters) =>
        TestData.QueryAsync($"WITH done AS ({sql} RETURNING 0) SELECT count(*) FROM done", r => r.GetInt64(0), parameters);
}

/// <summary>A live row of <c>request_deduplication</c>: no status while its request runs; the profile of a single import's success.</summary>
public sealed record DeduplicationRow(int? Status, string? ProfileId, TimeSpan ExpiresIn);
