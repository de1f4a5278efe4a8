using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using QuickImport.Api.Errors;

namespace QuickImport.Api.Responses;

/// <summary>
/// Writes an outcome the way Altcraft's API answers: <c>text/plain</c> by default, the JSON
/// envelope (<c>error</c>, <c>error_text</c>, ...) when the client accepts <c>application/json</c>.
/// </summary>
public static class AltcraftResponseWriter
{
    // Details quote values ('x'); JSON responses need no HTML-safe escaping of them.
    public const string TextContentType = "text/plain; charset=utf-8";

    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    public static Task WriteErrorAsync(HttpContext context, ApiError error, bool alwaysJson = false) =>
        WriteAsync(context.Response, Error(error, alwaysJson || WantsJson(context.Request)));

    /// <summary>An error's answer: its text and detail, or its JSON envelope.</summary>
    public static RenderedAnswer Error(ApiError error, bool json) => json
        ? Json(error.Status, ErrorJson(error))
        : Text(error.Status, error.Detail is null ? error.Text : $"{error.Text}: {error.Detail}");

    /// <summary>An error's JSON envelope: <c>error</c>, <c>error_text</c>, <c>details</c> and its extra members.</summary>
    public static JsonObject ErrorJson(ApiError error)
    {
        var body = new JsonObject { ["error"] = error.Status, ["error_text"] = error.Text };
        if (error.Detail is not null)
        {
            body["details"] = error.Detail;
        }

        foreach (var (name, value) in error.Extra ?? new Dictionary<string, object>())
        {
            body[name] = JsonSerializer.SerializeToNode(value);
        }

        return body;
    }

    /// <summary>A JSON answer, as <see cref="WriteAsync"/> sends it.</summary>
    public static RenderedAnswer Json(int status, JsonNode body) => new(status, JsonContentType, body.ToJsonString(JsonOptions));

    /// <summary>A plain-text answer, as <see cref="WriteAsync"/> sends it.</summary>
    public static RenderedAnswer Text(int status, string text) => new(status, TextContentType, text);

    /// <remarks>
    /// With its length: a body of unknown length goes out chunked, and its closing chunk in a send
    /// of its own once the request ends — a second packet for every answer.
    /// </remarks>
    public static Task WriteAsync(HttpResponse response, RenderedAnswer answer, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        response.StatusCode = answer.Status;
        if (ResponseTexts.NonStandardReasonPhrase(answer.Status) is { } reasonPhrase)
        {
            response.HttpContext.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reasonPhrase;
        }

        response.ContentType = answer.ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, cancellationToken).AsTask();
    }
}
