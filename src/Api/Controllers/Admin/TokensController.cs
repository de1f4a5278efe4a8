using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Application.Tokens.RevokeToken;

namespace QuickImport.Api.Controllers.Admin;

public sealed class TokensController(IMediator mediator) : AdminController
{
    [HttpDelete("tokens/{id:int}")]
    public async Task<NoContentResult> Revoke(int id, CancellationToken cancellationToken)
    {
        await mediator.Send(new RevokeTokenCommand(id), cancellationToken);
        return NoContent();
    }
}
