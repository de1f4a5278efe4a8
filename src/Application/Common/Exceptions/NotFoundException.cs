using QuickImport.Domain.Common;

namespace QuickImport.Application.Common.Exceptions;

/// <summary>An object the caller cannot see: missing, or another account's (HTTP 404).</summary>
public sealed class NotFoundException(string what, int id) : DomainException($"{what} {id} not found");
