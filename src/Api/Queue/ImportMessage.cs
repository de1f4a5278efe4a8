using System.Text.Json;
using QuickImport.Api.Binding;

namespace QuickImport.Api.Queue;

/// <summary>
/// A message of <c>database_import</c>: <c>{"account_id", "db_id", "data": {item}, "matching",
/// "field_name", "resource_id", "skip_triggers", "update_only", "feedback_id"}</c>.
/// </summary>
/// <param name="FeedbackId">Opaque to the service: echoed in the result as sent (a string, a number).</param>
public sealed record ImportMessage(
    int AccountId,
    int DatabaseId,
    JsonElement Data,
    string Matching,
    string? FieldName,
    int? ResourceId,
    bool SkipTriggers,
    bool UpdateOnly,
    JsonElement? FeedbackId)
{
    /// <summary>The quick import's default: a message that names no mode matches by email.</summary>
    public const string DefaultMatching = "email";

    /// <exception cref="MalformedBodyException">Not JSON, not an object, no account, or a member of the wrong type.</exception>
    public static ImportMessage Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ReadObject(body);
        var root = document.RootElement;
        return new ImportMessage(
            Int(root, "account_id") ?? throw new MalformedBodyException("the message names no account (account_id)"),
            Int(root, "db_id") ?? throw new MalformedBodyException("the message names no database (db_id)"),
            Member(root, "data") is { ValueKind: JsonValueKind.Object } data
                ? data.Clone()
                : throw new MalformedBodyException("'data' must be an object: the profile's fields"),
            String(root, "matching") ?? DefaultMatching,
            String(root, "field_name"),
            Int(root, "resource_id"),
            Bool(root, "skip_triggers") ?? false,
            Bool(root, "update_only") ?? false,
            FeedbackIdOf(root));
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

    private static JsonElement? FeedbackIdOf(JsonElement root) =>
        Member(root, "feedback_id") is { } id && id.ValueKind is not JsonValueKind.Null ? id.Clone() : null;

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

    private static JsonElement? Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null ? value : null;

    // A number, or a string of one, as producers written in other languages send ids.
    private static int? Int(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        { ValueKind: JsonValueKind.String } value when int.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => throw new MalformedBodyException($"'{name}' must be an integer"),
    };

    private static string? String(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new MalformedBodyException($"'{name}' must be a string"),
    };

    private static bool? Bool(JsonElement root, string name) => Member(root, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new MalformedBodyException($"'{name}' must be true or false"),
    };
}
