using System.Globalization;
using System.Text.Json.Nodes;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;

namespace QuickImport.Api.Responses;

/// <summary>The answers of the import calls: one item's outcome as the quick import answers it, or every item's in a batch's envelope.</summary>
public static class ImportAnswers
{
    /// <summary>One item's outcome with its own status (or the request's refusal): text, or JSON when asked for.</summary>
    public static RenderedAnswer Single(ImportAnswer answer, bool json)
    {
        if ((answer.Refusal ?? answer.Items[0].Error) is { } error)
        {
            return AltcraftResponseWriter.Error(error, json);
        }

        var item = answer.Items[0];
        return json
            ? AltcraftResponseWriter.Json(StatusCodes.Status200OK, Imported(item))
            : AltcraftResponseWriter.Text(StatusCodes.Status200OK, $"{ResponseTexts.Added} {item.ProfileId}");
    }

    /// <summary>
    /// A batch's answer: 200 and each item's outcome in the items' order, a refusal's detail naming
    /// its item; or the request's refusal, in JSON.
    /// </summary>
    public static RenderedAnswer Batch(ImportAnswer answer)
    {
        if (answer.Refusal is { } refusal)
        {
            return AltcraftResponseWriter.Error(refusal, json: true);
        }

        var items = new JsonArray();
        for (var i = 0; i < answer.Items.Count; i++)
        {
            var item = answer.Items[i];
            items.Add(item.Error is { } error ? AltcraftResponseWriter.ErrorJson(ForItem(error, i)) : Imported(item));
        }

        return AltcraftResponseWriter.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["error"] = 0,
            ["error_text"] = ResponseTexts.Success,
            ["result"] = items,
        });
    }

    /// <summary>Sends the answer rendered; a repeat's with <c>Duplicate-Request: true</c> and the key it replays.</summary>
    public static Task WriteAsync(HttpResponse response, ImportAnswer answer, RenderedAnswer rendered)
    {
        if (answer.ReplayOf is { } key)
        {
            response.Headers[DeduplicatedImports.DuplicateRequestHeader] = "true";
            response.Headers[DeduplicatedImports.DuplicateKeyHeader] = key.ToString();
        }

        return AltcraftResponseWriter.WriteAsync(response, rendered, response.HttpContext.RequestAborted);
    }

    private static JsonObject Imported(ItemAnswer item) => new()
    {
        ["error"] = 0,
        ["error_text"] = ResponseTexts.Success,
        ["profile_id"] = item.ProfileId,
        ["created"] = item.Created,
    };

    private static ApiError ForItem(ApiError error, int index) =>
        error with { Detail = string.Create(CultureInfo.InvariantCulture, $"item {index}: {error.Detail ?? error.Text}") };
}
