using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Domain.Databases;

namespace QuickImport.Application.Fields.ListFields;

/// <summary>System fields first, then custom fields in the order they were added.</summary>
public sealed class ListFieldsQueryHandler(IProfileDatabaseRepository databases) : IQueryHandler<ListFieldsQuery, IReadOnlyList<FieldView>>
{
    public async ValueTask<IReadOnlyList<FieldView>> Handle(ListFieldsQuery query, CancellationToken cancellationToken)
    {
        var database = await databases.GetForChangeAsync(query.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", query.DatabaseId);
        return [.. database.Fields.Select(f => f.ToView())];
    }
}
