using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.SetAutomationActive;

public sealed class SetAutomationActiveCommandHandler(IAutomationRepository automations, IUnitOfWork unitOfWork)
    : ICommandHandler<SetAutomationActiveCommand, AutomationView>
{
    public async ValueTask<AutomationView> Handle(SetAutomationActiveCommand command, CancellationToken cancellationToken)
    {
        var automation = await automations.GetForChangeAsync(command.Kind, command.Id, cancellationToken)
            ?? throw new NotFoundException(AutomationNames.Of(command.Kind), command.Id);
        automation.SetActive(command.Active);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return automation.ToView();
    }
}
