using System.Text.Json;
using System.Text.Json.Nodes;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Queue;

/// <summary>
/// A message of <c>database_import_result</c>: <c>{"error", "error_text", "feedback_id",
/// "matching_field", "profile_id"}</c>, with the quick import's codes and texts. Kept as the stored
/// answer's rendering, its status the code (200 for a success).
/// </summary>
public static class ImportResultMessage
{
    /// <summary>The message's import answered: its one item's outcome, or the message's refusal.</summary>
    public static RenderedAnswer Of(ImportMessage message, ImportAnswer answer) =>
        (answer.Refusal ?? answer.Items[0].Error) is { } error
            ? Error(message, error)
            : Build(StatusCodes.Status200OK, 0, ResponseTexts.Success, message.FeedbackId, message.MatchingField, answer.Items[0].ProfileId);

    public static RenderedAnswer Error(ImportMessage message, ApiError error) => Error(message.FeedbackId, message.MatchingField, error);

    public static RenderedAnswer Error(JsonElement? feedbackId, string? matchingField, ApiError error) =>
        Build(error.Status, error.Status, error.Text, feedbackId, matchingField, profileId: null);

    private static RenderedAnswer Build(int status, int error, string text, JsonElement? feedbackId, string? matchingField, string? profileId) =>
        AltcraftResponseWriter.Json(status, new JsonObject
        {
            ["error"] = error,
            ["error_text"] = text,
            ["feedback_id"] = feedbackId is { } id ? JsonSerializer.SerializeToNode(id) : null,
            ["matching_field"] = matchingField,
            ["profile_id"] = profileId,
        });
}
