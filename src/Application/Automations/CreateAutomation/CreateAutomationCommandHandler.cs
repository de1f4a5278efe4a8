using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;

namespace QuickImport.Application.Automations.CreateAutomation;

public sealed class CreateAutomationCommandHandler(
    IAccountRepository accounts,
    IProfileDatabaseRepository databases,
    IAutomationRepository automations,
    IUnitOfWork unitOfWork) : ICommandHandler<CreateAutomationCommand, AutomationView>
{
    public async ValueTask<AutomationView> Handle(CreateAutomationCommand command, CancellationToken cancellationToken)
    {
        _ = await accounts.FindAsync(command.AccountId, cancellationToken) ?? throw new NotFoundException("account", command.AccountId);

        // An automation sends to one of its own account's databases.
        _ = await databases.FindAsync(command.AccountId, command.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", command.DatabaseId);
        var automation = new Automation(command.Kind, command.AccountId, command.DatabaseId, command.Name, command.Active);
        automations.Add(automation);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return automation.ToView();
    }
}
