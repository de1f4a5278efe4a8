using Mediator;
using QuickImport.Application.Common.Caching;

namespace QuickImport.Application.Tokens.RevokeToken;

public sealed record RevokeTokenCommand(int Id) : ICommand, IChangesImportMetadata;
