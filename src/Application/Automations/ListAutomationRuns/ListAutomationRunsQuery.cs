using Mediator;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.ListAutomationRuns;

/// <summary>A trigger's launches or a scenario's enrollments.</summary>
public sealed record ListAutomationRunsQuery(AutomationKind Kind, int Id) : IQuery<IReadOnlyList<AutomationRunView>>;
