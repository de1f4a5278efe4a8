using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.Deduplication;

/// <summary>
/// The key a request is deduplicated by, as Altcraft's "Deduplication of requests" defines it: the
/// <c>Request-ID</c> (or <c>X-Request-ID</c>) header with the token when sent, else a hash of the
/// token, method, path, query string, body and content type; for a queue message, its
/// <c>feedback_id</c> with its account, else its body. A SHA-256 cut to 128 bits, so it carries no token.
/// </summary>
public static class DeduplicationKey
{
    /// <param name="token">The request's API token, from its parameters or its <c>Authorization</c> header.</param>
    /// <param name="body">The body, as sent.</param>
    public static RequestKey For(HttpRequest request, string? token, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (RequestId(request) is { } requestId)
        {
            Append(hash, "request-id", token ?? string.Empty, requestId);
        }
        else
        {
            // The token is part of it even when it comes in a header: two accounts sending the same
            // body must never be answered with each other's outcome.
            Append(
                hash,
                "content",
                token ?? string.Empty,
                request.Method,
                request.Path.Value ?? string.Empty,
                request.QueryString.Value ?? string.Empty,
                request.ContentType ?? string.Empty);
            hash.AppendData(body);
        }

        return RequestKey.Of(hash.GetHashAndReset());
    }

    /// <summary>A queue message's key: no HTTP request's, whose parts are hashed under other labels.</summary>
    public static RequestKey ForMessage(int accountId, string? feedbackId, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (feedbackId is not null)
        {
            Append(hash, "queue-feedback-id", accountId.ToString(CultureInfo.InvariantCulture), feedbackId);
        }
        else
        {
            // The body names its account itself.
            Append(hash, "queue-body");
            hash.AppendData(body);
        }

        return RequestKey.Of(hash.GetHashAndReset());
    }

    private static string? RequestId(HttpRequest request) =>
        (request.Headers["Request-ID"].FirstOrDefault() ?? request.Headers["X-Request-ID"].FirstOrDefault()) is { Length: > 0 } id ? id : null;

    private static void Append(IncrementalHash hash, params string[] parts)
    {
        foreach (var part in parts)
        {
            // Length-prefixed, so no two different sequences of parts hash alike.
            hash.AppendData(BitConverter.GetBytes(part.Length));
            hash.AppendData(Encoding.UTF8.GetBytes(part));
        }
    }
}
