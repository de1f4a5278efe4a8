using System.Text.Json;
using QuickImport.Api.Binding;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;

namespace QuickImport.Api.Queue;

/// <summary>
/// A message of <c>database_import</c>: <c>{"account_id", "db_id", "data": {item}, "matching",
/// "field_name", "resource_id", "skip_triggers", "update_only", "feedback_id"}</c> — a v1.1 import of
/// one item (read by <see cref="ImportJsonBody"/>, its rules and faults) for the account it names.
/// </summary>
/// <param name="FeedbackId">Opaque to the service: echoed in the result as sent (a string, a number).</param>
/// <param name="MatchingField">What the result names as its <c>matching_field</c>: the field mode's <c>field_name</c>, else the mode.</param>
/// <param name="Command">The import, trusted for <c>account_id</c>: the broker is the trust boundary, not a token.</param>
public sealed record ImportMessage(int AccountId, JsonElement? FeedbackId, string MatchingField, ImportProfilesCommand Command)
{
    // The members a v1.1 body does not have; the rest are read, and refused, as a v1.1 import's.
    private static readonly HashSet<string> QueueMembers = new(StringComparer.Ordinal) { "account_id", "update_only", "feedback_id" };

    /// <exception cref="MalformedBodyException">Not JSON, not an object, or no account.</exception>
    public static ImportMessage Parse(ReadOnlyMemory<byte> body)
    {
        int accountId;
        bool updateOnly;
        JsonElement? feedbackId;
        using (var document = ReadObject(body))
        {
            var root = document.RootElement;
            accountId = ReadAccountId(root);
            updateOnly = Member(root, "update_only") switch
            {
                null or { ValueKind: JsonValueKind.False } => false,
                { ValueKind: JsonValueKind.True } => true,
                _ => throw new MalformedBodyException("'update_only' must be true or false"),
            };
            feedbackId = FeedbackIdOf(root);
        }

        var command = ImportJsonBody.Read(body.Span, updateOnly ? ImportKind.UpdateOnly : ImportKind.FindOrCreate, single: true, bearer: null);
        return new ImportMessage(
            accountId,
            feedbackId,
            command.Request is { Matching: MatchingMode.Field, FieldName: { } field } ? field : command.Matching.Name,
            command with
            {
                Faults = [.. command.Faults.Where(fault => !QueueMembers.Contains(fault.Parameter))],
                TrustedAccountId = accountId,
            });
    }

    /// <summary>The <c>feedback_id</c> of a body <see cref="Parse"/> refused, when it has one to echo.</summary>
    public static JsonElement? FeedbackIdOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind is JsonValueKind.Object ? FeedbackIdOf(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? FeedbackIdOf(JsonElement root) => Member(root, "feedback_id")?.Clone();

    private static JsonDocument ReadObject(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MalformedBodyException($"the message is not valid JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind is not JsonValueKind.Object)
        {
            document.Dispose();
            throw new MalformedBodyException("the message must be a JSON object");
        }

        return document;
    }

    // A number, or a string of one, as producers written in other languages send ids.
    private static int ReadAccountId(JsonElement root) => Member(root, "account_id") switch
    {
        null => throw new MalformedBodyException("the message names no account (account_id)"),
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var id) && id > 0 => id,
        { ValueKind: JsonValueKind.String } value when int.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 => id,
        _ => throw new MalformedBodyException("'account_id' must be a positive integer"),
    };

    private static JsonElement? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null ? value : null;
}
