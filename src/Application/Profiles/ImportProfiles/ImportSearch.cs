using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>What an import searches for, for all its items at once.</summary>
public sealed record ImportSearch(
    int AccountId,
    int DatabaseId,
    IReadOnlyCollection<string> LockedIdentities,
    IReadOnlyCollection<MatchLookup> Lookups,
    IReadOnlyCollection<UniqueValue> UniqueValues)
{
    public static ImportSearch For(int accountId, int databaseId, IReadOnlyCollection<ItemImport> items) => new(
        accountId,
        databaseId,
        items.SelectMany(i => i.LockedIdentities).ToHashSet(StringComparer.Ordinal),
        items.SelectMany(i => i.Criteria.Lookups).ToHashSet(),
        items.SelectMany(i => i.Changes.UniqueValues).ToHashSet());
}
