using Mediator;

namespace QuickImport.Application.Fields.ListFields;

public sealed record ListFieldsQuery(int DatabaseId) : IQuery<IReadOnlyList<FieldView>>;
