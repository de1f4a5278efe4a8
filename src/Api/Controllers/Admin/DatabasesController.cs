using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Admin;
using QuickImport.Application.Fields;
using QuickImport.Application.Fields.CreateField;
using QuickImport.Application.Fields.ListFields;
using QuickImport.Application.Resources;
using QuickImport.Application.Resources.CreateResource;

namespace QuickImport.Api.Controllers.Admin;

public sealed class DatabasesController(IMediator mediator) : AdminController
{
    [HttpGet("databases/{id:int}/fields")]
    public async Task<IReadOnlyList<FieldView>> Fields(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new ListFieldsQuery(id), cancellationToken);

    [HttpPost("databases/{id:int}/fields")]
    public async Task<ActionResult<FieldView>> CreateField(int id, CreateFieldRequest request, CancellationToken cancellationToken) =>
        StatusCode(
            StatusCodes.Status201Created,
            await mediator.Send(
                new CreateFieldCommand(id, request.Name, request.Type, request.Unique, request.Required, request.Options),
                cancellationToken));

    [HttpPost("databases/{id:int}/resources")]
    public async Task<ActionResult<ResourceView>> CreateResource(int id, CreateResourceRequest request, CancellationToken cancellationToken) =>
        StatusCode(
            StatusCodes.Status201Created,
            await mediator.Send(new CreateResourceCommand(id, request.Name, request.Channels, request.DoubleOptIn), cancellationToken));
}
