using QuickImport.Domain.Common;

namespace QuickImport.Application.Profiles.GetProfile;

/// <summary>The read API found no profile the token may see (HTTP 404 "Profile not found").</summary>
public sealed class NoSuchProfileException(string detail) : DomainException(detail);
