using Mediator;

namespace QuickImport.Application.Fields.CreateField;

public sealed record CreateFieldCommand(
    int DatabaseId,
    string Name,
    string Type,
    bool Unique,
    bool Required,
    IReadOnlyList<string>? Options) : ICommand<FieldView>;
