using QuickImport.Domain.Common;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Matching;

/// <summary>More than one profile answers the request's identifiers (HTTP 409).</summary>
public sealed class AmbiguousMatchException(IReadOnlyList<ProfileId> candidates)
    : DomainException($"{candidates.Count} profiles match: {string.Join(", ", candidates)}")
{
    public IReadOnlyList<ProfileId> Candidates { get; } = candidates;
}
