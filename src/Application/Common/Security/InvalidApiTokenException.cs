namespace QuickImport.Application.Common.Security;

/// <summary>The API token is missing, unknown or revoked (HTTP 403).</summary>
public sealed class InvalidApiTokenException(string detail) : Exception(detail);
