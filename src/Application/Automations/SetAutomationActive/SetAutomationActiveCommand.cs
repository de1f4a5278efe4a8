using Mediator;
using QuickImport.Application.Common.Caching;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.SetAutomationActive;

public sealed record SetAutomationActiveCommand(AutomationKind Kind, int Id, bool Active) : ICommand<AutomationView>, IChangesImportMetadata;
