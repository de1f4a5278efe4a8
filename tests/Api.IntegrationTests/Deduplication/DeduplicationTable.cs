using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using QuickImport.Api.Binding;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Deduplication;

/// <summary>
/// The <c>request_deduplication</c> table, read and written directly, and the key the API computes
/// for a request (by the API's own reader and <see cref="QuickImport.Api.Deduplication.DeduplicationKey"/>).
/// </summary>
public static class DeduplicationTable
{
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

        var parameters = await RequestParametersReader.ReadAsync(request, new QuickImport.Api.Limits.RequestLimits(), CancellationToken.None);
        return QuickImport.Api.Deduplication.DeduplicationKey.For(request, parameters);
    }

    public static string RandomKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A request holding <paramref name="key"/> that has not finished (or whose process died).</summary>
    public static Task InsertRunningAsync(string key, TimeSpan leaseLeft) =>
        TestData.QueryAsync(
            "INSERT INTO request_deduplication (key, status, content_type, body, created_at, expires_at) VALUES ($1, NULL, NULL, NULL, now(), now() + $2) RETURNING 0",
            r => r.GetInt32(0),
            key,
            leaseLeft);

    /// <summary>A finished request's stored outcome, replayed until <paramref name="expiresIn"/> from now.</summary>
    public static Task InsertCompletedAsync(string key, int status, string body, TimeSpan expiresIn) =>
        TestData.QueryAsync(
            "INSERT INTO request_deduplication (key, status, content_type, body, created_at, expires_at) VALUES ($1, $2, 'text/plain; charset=utf-8', $3, now(), now() + $4) RETURNING 0",
            r => r.GetInt32(0),
            key,
            status,
            body,
            expiresIn);

    /// <summary>The running request holding <paramref name="key"/> finishes with this outcome.</summary>
    public static Task CompleteAsync(string key, int status, string body) =>
        TestData.QueryAsync(
            "UPDATE request_deduplication SET status = $2, content_type = 'text/plain; charset=utf-8', body = $3, expires_at = now() + interval '1 hour' WHERE key = $1 RETURNING 0",
            r => r.GetInt32(0),
            key,
            status,
            body);

    public static async Task<DeduplicationRow?> FindAsync(string key) =>
        (await TestData.QueryAsync(
            "SELECT status, body, expires_at - now() FROM request_deduplication WHERE key = $1",
            r => new DeduplicationRow(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetTimeSpan(2)),
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
            "SELECT d.xmin = p.xmin FROM request_deduplication d, profiles p WHERE d.key = $1 AND p.database_id = $2",
            r => r.GetBoolean(0),
            key,
            databaseId)).Single();

    public static Task DeleteAsync(string key) =>
        TestData.QueryAsync("DELETE FROM request_deduplication WHERE key = $1 RETURNING 0", r => r.GetInt32(0), key);
}

/// <summary>A row of <c>request_deduplication</c>: no status while its request runs.</summary>
public sealed record DeduplicationRow(int? Status, string? Body, TimeSpan ExpiresIn);
