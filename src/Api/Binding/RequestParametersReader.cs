using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using QuickImport.Api.Limits;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Common;

namespace QuickImport.Api.Binding;

/// <summary>
/// Reads the parameters of an Altcraft-style request: the query string and the body
/// (<c>x-www-form-urlencoded</c>, <c>multipart/form-data</c> or one flat JSON object) merged, the
/// body's value winning for a key both send. Every value of a repeated key is kept. Names and values
/// are held to <see cref="RequestLimits"/> and to <see cref="StorableText"/> here, for every source.
/// </summary>
public static class RequestParametersReader
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="RequestBodyTooLargeException">The body is over <see cref="RequestLimits.MaxBodyBytes"/>.</exception>
    /// <exception cref="MalformedBodyException">The body cannot be read as parameters.</exception>
    /// <exception cref="RequestLimitExceededException">Too many parameters, or a name or value too long.</exception>
    /// <exception cref="InvalidValueException">A name or value holds text that cannot be stored.</exception>
    /// <returns>The request read, and its body as sent (for an import's deduplication key).</returns>
    public static async Task<(AltcraftRequest Request, byte[] Body)> ReadAsync(HttpRequest request, RequestLimits limits, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, limits.MaxBodyBytes, cancellationToken);
        var merged = ReadUrlEncoded(request.QueryString.Value ?? string.Empty);
        var arrays = new HashSet<string>(StringComparer.Ordinal);
        var fromBody = await ReadBodyAsync(request.ContentType, body, arrays, cancellationToken);
        CheckLimits(limits, merged, fromBody);
        foreach (var (name, values) in fromBody)
        {
            merged[name] = values;
        }

        var parameters = new RequestParameters(merged.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal), arrays);
        return (new AltcraftRequest(parameters, parameters.Value(ImportParameterNames.Token) ?? BearerToken.From(request)), body);
    }

    /// <param name="arrays">Gets the names a JSON body sends as arrays.</param>
    private static async Task<Dictionary<string, List<string>>> ReadBodyAsync(
        string? contentTypeHeader, byte[] body, HashSet<string> arrays, CancellationToken cancellationToken)
    {
        if (body.Length == 0)
        {
            return [];
        }

        if (!MediaTypeHeaderValue.TryParse(contentTypeHeader, out var contentType))
        {
            throw new MalformedBodyException("a body needs a Content-Type: application/x-www-form-urlencoded, multipart/form-data or application/json");
        }

        var mediaType = contentType.MediaType.Value?.ToLowerInvariant();
        return mediaType switch
        {
            "application/x-www-form-urlencoded" => ReadUrlEncoded(DecodeUtf8(body)),
            "multipart/form-data" => await ReadMultipartAsync(contentType, body, cancellationToken),
            "application/json" => FlatJsonBody.Read(WithoutByteOrderMark(RequireUtf8(body)), arrays),
            _ => throw new MalformedBodyException($"unsupported Content-Type '{mediaType}'"),
        };
    }

    /// <summary>
    /// Every name and value of both sources, before the body's values replace the query's: each one sent
    /// counts, and each one must be storable even when it would lose to the other source.
    /// </summary>
    private static void CheckLimits(RequestLimits limits, params Dictionary<string, List<string>>[] sources)
    {
        var count = sources.Sum(source => source.Values.Sum(values => values.Count));
        if (count > limits.MaxParameters)
        {
            throw new RequestLimitExceededException($"the request sends {count} parameters, over the limit of {limits.MaxParameters}");
        }

        foreach (var (name, values) in sources.SelectMany(source => source))
        {
            if (name.Length > limits.MaxNameLength)
            {
                throw new RequestLimitExceededException($"a parameter name is {name.Length} characters long, over the limit of {limits.MaxNameLength}");
            }

            if (StorableText.Flaw(name) is { } nameFlaw)
            {
                throw new InvalidValueException("a parameter name", nameFlaw);
            }

            foreach (var value in values)
            {
                if (value.Length > limits.MaxValueLength)
                {
                    throw new RequestLimitExceededException($"'{name}' is {value.Length} characters long, over the limit of {limits.MaxValueLength}");
                }

                if (StorableText.Flaw(value) is { } flaw)
                {
                    throw new InvalidValueException(name, flaw);
                }
            }
        }
    }

    /// <summary>The whole body, as sent.</summary>
    /// <exception cref="RequestBodyTooLargeException">It is over <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new RequestBodyTooLargeException(maxBytes);
        }

        var body = request.Body;

        // Sized to the announced length, the buffer is the body itself: no copy of a 10 MB batch.
        using var buffer = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 0);

        // Rented: a fresh 16 KB chunk per request was a fifth of all the bytes an import allocated.
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new RequestBodyTooLargeException(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>A query string or a form body, its leading '?' skipped.</summary>
    private static Dictionary<string, List<string>> ReadUrlEncoded(string text)
    {
        var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(text))
        {
            var name = PercentDecode(pair.EncodedName, "a parameter name");
            Add(pairs, name, PercentDecode(pair.EncodedValue, name));
        }

        return pairs;
    }

    /// <summary>
    /// '+' as a space and every %XX as its byte, the bytes read as UTF-8 strictly: the decoding
    /// QueryStringEnumerable offers (Uri.UnescapeDataString) leaves an escape of bytes that are not
    /// UTF-8 as its text ("%FF" stays "%FF"), which would be stored as if it were what was meant.
    /// </summary>
    private static string PercentDecode(ReadOnlyMemory<char> encoded, string parameter)
    {
        if (encoded.Span.IndexOfAny('%', '+') < 0)
        {
            return encoded.ToString();
        }

        try
        {
            return StrictUtf8.GetString(System.Web.HttpUtility.UrlDecodeToBytes(encoded.ToString()));
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidValueException(parameter, "its percent-encoding is not valid UTF-8");
        }
    }

    private static async Task<Dictionary<string, List<string>>> ReadMultipartAsync(
        MediaTypeHeaderValue contentType,
        byte[] body,
        CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new MalformedBodyException("multipart/form-data without a boundary");
        }

        var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition())
                {
                    throw new MalformedBodyException("a multipart section is not a form field (files are not accepted)");
                }

                using var value = new MemoryStream();
                await section.Body.CopyToAsync(value, cancellationToken);
                Add(pairs, HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, DecodeUtf8(value.ToArray()));
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            // InvalidDataException: a section header line without a colon, or over the reader's header limits.
            throw new MalformedBodyException($"unreadable multipart body: {exception.Message}");
        }

        return pairs;
    }

    // System.Text.Json finds invalid UTF-8 in a string only when asked for the string, as an
    // InvalidOperationException: checked first, it is a 400 like the other bodies'.
    private static byte[] RequireUtf8(byte[] body) =>
        System.Text.Unicode.Utf8.IsValid(body) ? body : throw new MalformedBodyException("the body is not valid UTF-8");

    // Editors and some HTTP clients start UTF-8 JSON with a byte order mark, which JsonDocument.Parse of
    // bytes refuses (RFC 8259 lets a parser ignore it).
    private static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] body) =>
        body.AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble) ? body.AsMemory(System.Text.Encoding.UTF8.Preamble.Length) : body;

    private static string DecodeUtf8(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new MalformedBodyException("the body is not valid UTF-8");
        }
    }

    internal static void Add(Dictionary<string, List<string>> pairs, string name, string value)
    {
        if (!pairs.TryGetValue(name, out var values))
        {
            pairs[name] = values = [];
        }

        values.Add(value);
    }

    /// <summary>One flat JSON object: strings, numbers, booleans, null (an empty value) or arrays of strings.</summary>
    private static class FlatJsonBody
    {
        public static Dictionary<string, List<string>> Read(ReadOnlyMemory<byte> body, HashSet<string> arrays)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            }
            catch (JsonException exception)
            {
                throw new MalformedBodyException($"invalid JSON: {exception.Message}");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new MalformedBodyException("the JSON body must be one object");
                }

                var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                try
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Array)
                        {
                            arrays.Add(property.Name);
                        }

                        foreach (var value in Values(property))
                        {
                            Add(pairs, property.Name, value);
                        }
                    }
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json reads a "\uD800" escape without a partner only when asked for the string.
                    throw new MalformedBodyException($"invalid JSON: a name or string {StorableText.UnpairedSurrogate}");
                }

                return pairs;
            }
        }

        private static IEnumerable<string> Values(JsonProperty property) => property.Value.ValueKind switch
        {
            JsonValueKind.String => [property.Value.GetString()!],
            JsonValueKind.Number => [property.Value.GetRawText()],
            JsonValueKind.True => ["true"],
            JsonValueKind.False => ["false"],
            JsonValueKind.Null => [string.Empty],
            JsonValueKind.Array when property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                [.. property.Value.EnumerateArray().Select(e => e.GetString()!)],
            _ => throw new MalformedBodyException($"'{property.Name}' must be a string, number, boolean or array of strings"),
        };
    }
}
