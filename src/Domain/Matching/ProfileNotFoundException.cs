using QuickImport.Domain.Common;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Matching;

/// <summary>Matching by profile id found no profile; that mode never creates one (HTTP 404).</summary>
public sealed class ProfileNotFoundException(ProfileId id) : DomainException($"profile {id} not found")
{
    public ProfileId ProfileId { get; } = id;
}
