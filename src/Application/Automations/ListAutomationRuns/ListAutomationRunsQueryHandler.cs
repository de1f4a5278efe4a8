using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Mapping;
using QuickImport.Domain.Automation;

namespace QuickImport.Application.Automations.ListAutomationRuns;

public sealed class ListAutomationRunsQueryHandler(IAutomationRepository automations)
    : IQueryHandler<ListAutomationRunsQuery, IReadOnlyList<AutomationRunView>>
{
    public async ValueTask<IReadOnlyList<AutomationRunView>> Handle(ListAutomationRunsQuery query, CancellationToken cancellationToken)
    {
        _ = await automations.GetForChangeAsync(query.Kind, query.Id, cancellationToken)
            ?? throw new NotFoundException(AutomationNames.Of(query.Kind), query.Id);
        var runs = await automations.ListRunsAsync(query.Id, cancellationToken);
        return [.. runs.Select(r => r.ToView())];
    }
}
