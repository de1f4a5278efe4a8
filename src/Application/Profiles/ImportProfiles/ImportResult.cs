using QuickImport.Domain.Importing;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>The outcome of each item, in the items' order.</summary>
public sealed record ImportResult(IReadOnlyList<ItemOutcome> Items);
