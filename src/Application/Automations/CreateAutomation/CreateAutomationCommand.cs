using Mediator;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.CreateAutomation;

/// <summary>Creates a trigger mailing or a scenario of an account on one of its databases.</summary>
public sealed record CreateAutomationCommand(AutomationKind Kind, int AccountId, string Name, int DatabaseId, bool Active)
    : ICommand<AutomationView>;
