using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Databases;

namespace QuickImport.Application.Databases.CreateDatabase;

public sealed class CreateDatabaseCommandHandler(
    IAccountRepository accounts,
    IProfileDatabaseRepository databases,
    IUnitOfWork unitOfWork) : ICommandHandler<CreateDatabaseCommand, DatabaseView>
{
    public async ValueTask<DatabaseView> Handle(CreateDatabaseCommand command, CancellationToken cancellationToken)
    {
        _ = await accounts.FindAsync(command.AccountId, cancellationToken) ?? throw new NotFoundException("account", command.AccountId);
        var database = new ProfileDatabase(command.AccountId, command.Name);
        databases.Add(database);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new DatabaseView(database.Id, database.Name);
    }
}
