using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;

namespace QuickImport.Application.Fields.CreateField;

public sealed class CreateFieldCommandHandler(IProfileDatabaseRepository databases, IUnitOfWork unitOfWork)
    : ICommandHandler<CreateFieldCommand, FieldView>
{
    public async ValueTask<FieldView> Handle(CreateFieldCommand command, CancellationToken cancellationToken)
    {
        var database = await databases.GetForChangeAsync(command.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", command.DatabaseId);
        if (database.FindFieldIgnoringCase(command.Name) is { } taken)
        {
            throw new ConflictException($"the database already has a field '{taken.Name}' (field names are unique whatever their case)");
        }

        FieldTypeNames.TryParseCustom(command.Type, out var type);
        var field = database.AddField(new FieldDefinition(command.Name, type, command.Unique, command.Required, IsSystem: false, command.Options));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return field.Definition.ToView();
    }
}
