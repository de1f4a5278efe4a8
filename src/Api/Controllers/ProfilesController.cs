using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Binding;
using QuickImport.Api.Responses;
using QuickImport.Application.Profiles.GetProfile;
using QuickImport.Application.Profiles.ImportProfile;

namespace QuickImport.Api.Controllers;

/// <summary>Altcraft's profile read API (SPEC §5), always answered in JSON.</summary>
[ApiController]
[Route("api/v1.1/profiles")]
public sealed class ProfilesController(IMediator mediator) : ControllerBase
{
    // No action parameters: MVC's model binding would read the body before the reader sees it.
    [HttpPost("get")]
    public async Task<ProfileResponse> Get()
    {
        var parameters = await RequestParametersReader.ReadAsync(Request, HttpContext.RequestAborted);
        var query = new GetProfileQuery(parameters.Value(ImportParameterNames.Token) ?? BearerToken.From(Request), parameters);
        return new ProfileResponse(0, ResponseTexts.Success, await mediator.Send(query, HttpContext.RequestAborted));
    }
}
