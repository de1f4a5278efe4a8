namespace QuickImport.Domain.Common;

/// <summary>A name or value already taken (HTTP 409 in the admin API).</summary>
public sealed class ConflictException(string detail) : DomainException(detail);
