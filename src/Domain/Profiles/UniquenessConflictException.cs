using QuickImport.Domain.Common;

namespace QuickImport.Domain.Profiles;

/// <summary>The import would give a profile a unique value another profile holds (HTTP 435).</summary>
public sealed class UniquenessConflictException(string field, ProfileId? conflictingProfileId)
    : DomainException(conflictingProfileId is { } other
        ? $"field '{field}' already holds this value in profile {other}"
        : $"field '{field}' already holds this value in another profile")
{
    public string Field { get; } = field;

    public ProfileId? ConflictingProfileId { get; } = conflictingProfileId;
}
