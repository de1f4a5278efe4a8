using System.Globalization;
using System.Text.Json.Nodes;
using QuickImport.Api.Errors;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;

namespace QuickImport.Api.Responses;

/// <summary>The answers of the import calls: one item's outcome as the quick import answers it, or every item's in a batch's envelope.</summary>
public static class ImportAnswers
{
    /// <summary>
    /// <paramref name="answer"/> rendered once per result: the deduplication claim stores, and the
    /// response sends, the one rendering of the committed result (a batch's is megabytes).
    /// </summary>
    public static Func<ImportResult, StoredResponse> Once(Func<ImportResult, StoredResponse> answer)
    {
        (ImportResult Result, StoredResponse Answer)? last = null;
        return result =>
        {
            if (last is not { } rendered || !ReferenceEquals(rendered.Result, result))
            {
                last = rendered = (result, answer(result));
            }

            return rendered.Answer;
        };
    }

    /// <summary>One item's outcome with its own status: text, or JSON when asked for.</summary>
    public static StoredResponse Single(ItemOutcome outcome, bool json)
    {
        if (outcome.Error is { } error)
        {
            return AltcraftResponseWriter.Error(ApiErrorMapper.Map(error), json);
        }

        return json
            ? AltcraftResponseWriter.Json(StatusCodes.Status200OK, Imported(outcome))
            : AltcraftResponseWriter.Text(StatusCodes.Status200OK, $"{ResponseTexts.Added} {outcome.ProfileId}");
    }

    /// <summary>A batch's answer: 200 and each item's outcome in the items' order, a refusal's detail naming its item.</summary>
    public static StoredResponse Batch(ImportResult result)
    {
        var items = new JsonArray();
        for (var i = 0; i < result.Items.Count; i++)
        {
            var outcome = result.Items[i];
            items.Add(outcome.Error is { } error
                ? AltcraftResponseWriter.ErrorJson(ForItem(ApiErrorMapper.Map(error), i))
                : Imported(outcome));
        }

        return AltcraftResponseWriter.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["error"] = 0,
            ["error_text"] = ResponseTexts.Success,
            ["result"] = items,
        });
    }

    private static JsonObject Imported(ItemOutcome outcome) => new()
    {
        ["error"] = 0,
        ["error_text"] = ResponseTexts.Success,
        ["profile_id"] = outcome.ProfileId!.Value.Value,
        ["created"] = outcome.Created,
    };

    private static ApiError ForItem(ApiError error, int index) =>
        error with { Detail = string.Create(CultureInfo.InvariantCulture, $"item {index}: {error.Detail ?? error.Text}") };
}
