using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Matching;

/// <summary>Turns the distinct profiles a search found into the import's target (docs/api.md §1, "Matching").</summary>
public static class ProfileMatcher
{
    /// <returns>The profile to update, or null when a new profile is to be created.</returns>
    /// <exception cref="AmbiguousMatchException">Two or more profiles were found.</exception>
    /// <exception cref="ProfileNotFoundException">None was found by profile id.</exception>
    public static ProfileId? Resolve(MatchCriteria criteria, IReadOnlyCollection<ProfileId> found)
    {
        var distinct = found.Distinct().Order().ToList();
        return distinct.Count switch
        {
            0 when criteria.ProfileId is { } id && criteria.Mode == MatchingMode.ProfileId =>
                throw new ProfileNotFoundException(id),
            0 => null,
            1 => distinct[0],
            _ => throw new AmbiguousMatchException(distinct),
        };
    }
}
