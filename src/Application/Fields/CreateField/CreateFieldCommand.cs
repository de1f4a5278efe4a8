using Mediator;
using QuickImport.Application.Common.Caching;

namespace QuickImport.Application.Fields.CreateField;

public sealed record CreateFieldCommand(
    int DatabaseId,
    string Name,
    string Type,
    bool Unique,
    bool Required,
    IReadOnlyList<string>? Options) : ICommand<FieldView>, IChangesImportMetadata;
