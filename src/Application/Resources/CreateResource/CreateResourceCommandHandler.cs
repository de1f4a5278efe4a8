using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Application.Resources.CreateResource;

public sealed class CreateResourceCommandHandler(
    IProfileDatabaseRepository databases,
    IResourceRepository resources,
    IUnitOfWork unitOfWork) : ICommandHandler<CreateResourceCommand, ResourceView>
{
    public async ValueTask<ResourceView> Handle(CreateResourceCommand command, CancellationToken cancellationToken)
    {
        _ = await databases.GetForChangeAsync(command.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", command.DatabaseId);
        var channels = command.Channels.Select(name => WireNames.TryParseChannel(name, out var channel) ? channel : default).ToList();
        var resource = new Resource(command.DatabaseId, command.Name, channels, command.DoubleOptIn);
        resources.Add(resource);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return resource.ToView();
    }
}
