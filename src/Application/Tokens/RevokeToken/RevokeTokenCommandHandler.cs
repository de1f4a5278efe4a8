using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;

namespace QuickImport.Application.Tokens.RevokeToken;

/// <summary>Revokes a token; the next request with it is refused (tokens are looked up on every request).</summary>
public sealed class RevokeTokenCommandHandler(IApiTokenRepository tokens, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<RevokeTokenCommand>
{
    public async ValueTask<Unit> Handle(RevokeTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await tokens.FindAsync(command.Id, cancellationToken) ?? throw new NotFoundException("token", command.Id);
        token.Revoke(clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
