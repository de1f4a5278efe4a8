using System.Text.Json;
using System.Text.Json.Nodes;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.Deduplication;

/// <summary>
/// An <see cref="ImportAnswer"/> as deduplication keeps it (ADR 40): one profile imported — almost
/// every request — is its id and whether it was created, in columns of their own; anything else
/// (a refusal, a batch) is its outcomes in compact JSON. Never the rendered answer: a repeat is
/// rendered in the format it asks for.
/// </summary>
public static class StoredAnswers
{
    public static StoredOutcome Store(ImportAnswer answer)
    {
        if (answer is { Refusal: null, Items: [{ Error: null, ProfileId: { } profileId } item] })
        {
            return new StoredOutcome(StatusCodes.Status200OK, profileId, item.Created, Details: null);
        }

        var details = answer.Refusal is { } refusal
            ? new JsonObject { ["refusal"] = Error(refusal) }
            : new JsonObject { ["items"] = new JsonArray([.. answer.Items.Select(Item)]) };
        return new StoredOutcome(StatusOf(answer), null, false, JsonSerializer.SerializeToUtf8Bytes(details));
    }

    /// <summary>The answer kept as <paramref name="outcome"/>, replayed for <paramref name="key"/>.</summary>
    public static ImportAnswer Replay(StoredOutcome outcome, RequestKey key)
    {
        if (outcome.Details is null)
        {
            return new ImportAnswer([new ItemAnswer(outcome.ProfileId, outcome.Created, null)], ReplayOf: key);
        }

        var details = JsonNode.Parse(outcome.Details)!.AsObject();
        return details["refusal"] is { } refusal
            ? new ImportAnswer([], Error(refusal), key)
            : new ImportAnswer([.. details["items"]!.AsArray().Select(i => Item(i!))], ReplayOf: key);
    }

    /// <summary>What the table shows of an outcome: a refusal's status, or the one item's; 200 for several items.</summary>
    private static int StatusOf(ImportAnswer answer) =>
        (answer.Refusal ?? (answer.Items is [var item] ? item.Error : null))?.Status ?? StatusCodes.Status200OK;

    private static JsonObject Item(ItemAnswer item) => item.Error is { } error
        ? new JsonObject { ["error"] = Error(error) }
        : new JsonObject { ["id"] = item.ProfileId, ["created"] = item.Created };

    private static ItemAnswer Item(JsonNode item) => item["error"] is { } error
        ? new ItemAnswer(null, false, Error(error))
        : new ItemAnswer(item["id"]!.GetValue<string>(), item["created"]!.GetValue<bool>(), null);

    private static JsonObject Error(ApiError error)
    {
        var stored = new JsonObject { ["status"] = error.Status, ["text"] = error.Text, ["detail"] = error.Detail };
        if (error.Extra is { Count: > 0 } extra)
        {
            stored["extra"] = new JsonObject(extra.Select(e => KeyValuePair.Create(e.Key, JsonSerializer.SerializeToNode(e.Value))));
        }

        return stored;
    }

    private static ApiError Error(JsonNode error) => new(
        error["status"]!.GetValue<int>(),
        error["text"]!.GetValue<string>(),
        error["detail"]?.GetValue<string>(),
        error["extra"]?.AsObject().ToDictionary(e => e.Key, e => (object)e.Value!.DeepClone()));
}
