using Mediator;
using QuickImport.Application.Common.Security;

namespace QuickImport.Application.Common.Behaviors;

/// <summary>Rejects a message whose API token is missing, unknown or revoked, before anything else runs.</summary>
public sealed class ApiTokenAuthenticationBehavior<TMessage, TResponse>(
    IApiTokenStore tokens,
    CurrentAccount currentAccount) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequiresApiToken, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message.TrustedAccountId is { } trusted)
        {
            currentAccount.Authenticate(trusted);
            return await next(message, cancellationToken);
        }

        if (string.IsNullOrEmpty(message.Token))
        {
            throw new InvalidApiTokenException("no token was sent");
        }

        var accountId = await tokens.FindAccountAsync(message.Token, cancellationToken)
            ?? throw new InvalidApiTokenException("the token is unknown or revoked");
        currentAccount.Authenticate(accountId);
        return await next(message, cancellationToken);
    }
}
