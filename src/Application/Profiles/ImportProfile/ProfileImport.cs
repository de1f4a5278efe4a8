using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>An import read against its database's fields: what it searches for and what it writes.</summary>
public sealed record ProfileImport(MatchCriteria Criteria, ProfileChanges Changes)
{
    /// <summary>Every identity the import reads or claims; its transaction serializes on them.</summary>
    public IReadOnlyCollection<string> Identities =>
    [
        .. Criteria.Identities.Concat(Changes.UniqueValues.Select(v => v.Identity)).Distinct(StringComparer.Ordinal),
    ];
}
