using QuickImport.Api.Errors;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;

namespace QuickImport.Api.Responses;

/// <summary>
/// What an import call answers, before it is rendered as text or JSON (<see cref="ImportAnswers"/>):
/// each item's outcome in the items' order, or the request's refusal; and for a repeat, the key
/// whose first outcome it replays. It is what deduplication keeps, so a repeat is rendered in the
/// format it asks for.
/// </summary>
public sealed record ImportAnswer(IReadOnlyList<ItemAnswer> Items, ApiError? Refusal = null, RequestKey? ReplayOf = null)
{
    public static ImportAnswer Of(ImportResult result) => new([.. result.Items.Select(ItemAnswer.Of)]);

    /// <summary>The request refused as a whole (a 4xx): nothing was imported.</summary>
    public static ImportAnswer Refused(ApiError error) => new([], error);
}

/// <summary>One item's outcome: its profile, created or updated, or its refusal.</summary>
public sealed record ItemAnswer(string? ProfileId, bool Created, ApiError? Error)
{
    public static ItemAnswer Of(ItemOutcome outcome) => outcome.Error is { } error
        ? new ItemAnswer(null, false, ApiErrorMapper.Map(error))
        : new ItemAnswer(outcome.ProfileId!.Value.Value, outcome.Created, null);
}
