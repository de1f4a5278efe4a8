using QuickImport.Domain.Common;
using QuickImport.Domain.Matching;

namespace QuickImport.Domain.Importing;

/// <summary>An update-only import's item matches no profile (HTTP 404).</summary>
public sealed class UnmatchedProfileException(MatchingMode mode)
    : DomainException($"no profile matches the item by '{MatchingModes.NameOf(mode)}' and this call only updates");
