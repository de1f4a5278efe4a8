namespace QuickImport.Domain.Profiles;

/// <summary>
/// What an import found under its identity locks: the distinct profiles its criteria match (read
/// whole and locked for its transaction), and for each unique value it sets that a profile already
/// holds, that profile.
/// </summary>
public sealed record ProfileSearch(
    IReadOnlyList<Profile> Matches,
    IReadOnlyList<(UniqueValue Value, ProfileId Holder)> UniqueHolders);
