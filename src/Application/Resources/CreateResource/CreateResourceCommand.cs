using Mediator;

namespace QuickImport.Application.Resources.CreateResource;

public sealed record CreateResourceCommand(int DatabaseId, string Name, IReadOnlyList<string> Channels, bool DoubleOptIn)
    : ICommand<ResourceView>;
