using Mediator;

namespace QuickImport.Application.Tokens.CreateToken;

public sealed record CreateTokenCommand(int AccountId, string Name) : ICommand<CreatedToken>;
