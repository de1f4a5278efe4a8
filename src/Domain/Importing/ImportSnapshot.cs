using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;

namespace QuickImport.Domain.Importing;

/// <summary>What an import's search found under its locks, for all its items at once.</summary>
/// <param name="Profiles">Every profile an item's criteria match, read whole and locked for the import's transaction.</param>
/// <param name="UniqueHolders">For each unique value an item sets that a profile holds, that profile.</param>
/// <param name="Subscribers">For each subscription contact an item matches on, the profiles subscribed with it.</param>
public sealed record ImportSnapshot(
    TariffState Tariff,
    IReadOnlyList<Profile> Profiles,
    IReadOnlyList<(UniqueValue Value, ProfileId Holder)> UniqueHolders,
    IReadOnlyList<(Channel Channel, string ContactKey, ProfileId Profile)> Subscribers);
