using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Admin;
using QuickImport.Application.Automations;
using QuickImport.Application.Automations.CreateAutomation;
using QuickImport.Application.Automations.ListAutomationRuns;
using QuickImport.Application.Automations.SetAutomationActive;
using QuickImport.Domain.Automation;

namespace QuickImport.Api.Controllers.Admin;

/// <summary>Trigger mailings (<c>triggers</c>, their launches) and scenarios (<c>workflows</c>, their enrollments).</summary>
public sealed class AutomationsController(IMediator mediator) : AdminController
{
    [HttpPost("accounts/{accountId:int}/triggers")]
    public Task<ActionResult<AutomationView>> CreateTrigger(int accountId, CreateAutomationRequest request, CancellationToken cancellationToken) =>
        CreateAsync(AutomationKind.Trigger, accountId, request, cancellationToken);

    [HttpPost("accounts/{accountId:int}/workflows")]
    public Task<ActionResult<AutomationView>> CreateWorkflow(int accountId, CreateAutomationRequest request, CancellationToken cancellationToken) =>
        CreateAsync(AutomationKind.Workflow, accountId, request, cancellationToken);

    [HttpPatch("triggers/{id:int}")]
    public async Task<AutomationView> SetTriggerActive(int id, ActiveRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new SetAutomationActiveCommand(AutomationKind.Trigger, id, request.Active), cancellationToken);

    [HttpPatch("workflows/{id:int}")]
    public async Task<AutomationView> SetWorkflowActive(int id, ActiveRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new SetAutomationActiveCommand(AutomationKind.Workflow, id, request.Active), cancellationToken);

    [HttpGet("triggers/{id:int}/launches")]
    public async Task<IReadOnlyList<AutomationRunView>> Launches(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new ListAutomationRunsQuery(AutomationKind.Trigger, id), cancellationToken);

    [HttpGet("workflows/{id:int}/enrollments")]
    public async Task<IReadOnlyList<AutomationRunView>> Enrollments(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new ListAutomationRunsQuery(AutomationKind.Workflow, id), cancellationToken);

    private async Task<ActionResult<AutomationView>> CreateAsync(
        AutomationKind kind,
        int accountId,
        CreateAutomationRequest request,
        CancellationToken cancellationToken) =>
        StatusCode(
            StatusCodes.Status201Created,
            await mediator.Send(new CreateAutomationCommand(kind, accountId, request.Name, request.DatabaseId, request.Active), cancellationToken));
}
