using Mediator;
using QuickImport.Application.Common.Caching;

namespace QuickImport.Application.Common.Behaviors;

/// <summary>
/// After a command that changes import metadata succeeds (its transaction committed), drops what
/// every instance holds of it, so a revoked token or a deactivated trigger stops working at once.
/// </summary>
public sealed class MetadataChangeBehavior<TMessage, TResponse>(IMetadataChanges changes) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IChangesImportMetadata, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        await changes.PublishAsync(cancellationToken);
        return response;
    }
}
