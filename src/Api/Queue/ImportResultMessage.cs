using System.Text.Json;
using System.Text.Json.Nodes;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Domain.Importing;

namespace QuickImport.Api.Queue;

/// <summary>
/// A message of <c>database_import_result</c>: <c>{"error", "error_text", "feedback_id",
/// "matching_field", "profile_id"}</c>, with the quick import's codes and texts. Kept as the stored
/// answer a redelivery replays, its status the code (200 for a success).
/// </summary>
public static class ImportResultMessage
{
    public static StoredResponse Of(ImportMessage message, ItemOutcome outcome) => outcome switch
    {
        { Error: { } error } => Error(message, ApiErrorMapper.Map(error)),
        { ProfileId: { } profileId } => Build(StatusCodes.Status200OK, 0, ResponseTexts.Success, message.FeedbackId, message.MatchingField, profileId.Value),
        _ => throw new ArgumentException("an outcome has a profile or an error", nameof(outcome)),
    };

    public static StoredResponse Error(ImportMessage message, ApiError error) => Error(message.FeedbackId, message.MatchingField, error);

    public static StoredResponse Error(JsonElement? feedbackId, string? matchingField, ApiError error) =>
        Build(error.Status, error.Status, error.Text, feedbackId, matchingField, profileId: null);

    private static StoredResponse Build(int status, int error, string text, JsonElement? feedbackId, string? matchingField, string? profileId) =>
        AltcraftResponseWriter.Json(status, new JsonObject
        {
            ["error"] = error,
            ["error_text"] = text,
            ["feedback_id"] = feedbackId is { } id ? JsonSerializer.SerializeToNode(id) : null,
            ["matching_field"] = matchingField,
            ["profile_id"] = profileId,
        });
}
