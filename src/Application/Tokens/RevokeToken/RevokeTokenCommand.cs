using Mediator;

namespace QuickImport.Application.Tokens.RevokeToken;

public sealed record RevokeTokenCommand(int Id) : ICommand;
