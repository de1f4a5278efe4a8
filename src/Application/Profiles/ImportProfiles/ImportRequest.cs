using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// An import, typed once at the edge whatever brought it (a quick import's form, a v1.1 JSON body,
/// a queue message): what it does, to which database, and its items in order. Item fields stay as
/// sent: only the database's fields can tell how they read.
/// </summary>
/// <param name="FieldName">The field matched on, with <see cref="MatchingMode.Field"/>.</param>
/// <param name="SkipInvalidSubscriptions">An item's invalid subscription is dropped instead of refusing the item.</param>
/// <param name="DetectGeo">Geodata is filled from each item's IPv4 <c>_regip</c>.</param>
/// <param name="KeepsRegistrationDate">An item's <c>_regdate</c> is kept for a new profile (the v1.1 calls); else it is refused.</param>
public sealed record ImportRequest(
    int DatabaseId,
    ImportKind Kind,
    MatchingMode Matching,
    string? FieldName,
    int? ResourceId,
    int? TriggerId,
    int? WorkflowId,
    IReadOnlyList<ImportItem> Items)
{
    public bool SkipTriggers { get; init; }

    public bool SkipInvalidSubscriptions { get; init; }

    public bool DetectGeo { get; init; } = true;

    public bool KeepsRegistrationDate { get; init; }
}
