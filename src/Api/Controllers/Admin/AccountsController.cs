using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Admin;
using QuickImport.Application.Accounts;
using QuickImport.Application.Accounts.ChangeProfileLimit;
using QuickImport.Application.Accounts.CreateAccount;
using QuickImport.Application.Accounts.GetAccount;
using QuickImport.Application.Databases;
using QuickImport.Application.Databases.CreateDatabase;
using QuickImport.Application.Tokens.CreateToken;

namespace QuickImport.Api.Controllers.Admin;

public sealed class AccountsController(IMediator mediator) : AdminController
{
    [HttpPost("accounts")]
    public async Task<ActionResult<AccountView>> Create(CreateAccountRequest request, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new CreateAccountCommand(request.Name, request.ProfileLimit), cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = account.Id }, account);
    }

    [HttpGet("accounts/{id:int}")]
    public async Task<AccountView> Get(int id, CancellationToken cancellationToken) =>
        await mediator.Send(new GetAccountQuery(id), cancellationToken);

    [HttpPatch("accounts/{id:int}")]
    public async Task<AccountView> ChangeProfileLimit(int id, ProfileLimitRequest request, CancellationToken cancellationToken) =>
        await mediator.Send(new ChangeProfileLimitCommand(id, request.ProfileLimit), cancellationToken);

    [HttpPost("accounts/{id:int}/tokens")]
    public async Task<ActionResult<CreatedToken>> CreateToken(int id, NameRequest request, CancellationToken cancellationToken) =>
        StatusCode(StatusCodes.Status201Created, await mediator.Send(new CreateTokenCommand(id, request.Name), cancellationToken));

    [HttpPost("accounts/{id:int}/databases")]
    public async Task<ActionResult<DatabaseView>> CreateDatabase(int id, NameRequest request, CancellationToken cancellationToken) =>
        StatusCode(StatusCodes.Status201Created, await mediator.Send(new CreateDatabaseCommand(id, request.Name), cancellationToken));
}
