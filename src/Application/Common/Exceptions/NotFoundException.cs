using QuickImport.Domain.Common;

namespace QuickImport.Application.Common.Exceptions;

/// <summary>A database, resource, trigger or scenario the token's account does not have (HTTP 404).</summary>
public sealed class NotFoundException(string what, int id) : DomainException($"{what} {id} not found");
