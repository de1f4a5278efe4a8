using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;

namespace QuickImport.Application.Tokens.CreateToken;

public sealed class CreateTokenCommandHandler(
    IAccountRepository accounts,
    IApiTokenRepository tokens,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<CreateTokenCommand, CreatedToken>
{
    public async ValueTask<CreatedToken> Handle(CreateTokenCommand command, CancellationToken cancellationToken)
    {
        _ = await accounts.FindAsync(command.AccountId, cancellationToken) ?? throw new NotFoundException("account", command.AccountId);
        var secret = ApiTokenSecret.Generate();
        var token = new ApiToken(command.AccountId, command.Name, ApiTokenSecret.Hash(secret), clock.GetUtcNow());
        tokens.Add(token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedToken(token.Id, token.Name, secret);
    }
}
