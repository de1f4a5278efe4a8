using Mediator;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.SetAutomationActive;

public sealed record SetAutomationActiveCommand(AutomationKind Kind, int Id, bool Active) : ICommand<AutomationView>;
