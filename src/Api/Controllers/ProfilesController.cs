using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Binding;
using QuickImport.Api.Responses;
using QuickImport.Application.Profiles.GetProfile;

namespace QuickImport.Api.Controllers;

/// <summary>Altcraft's profile read API (docs/api.md §5), always answered in JSON.</summary>
[ApiController]
[Route("api/v1.1/profiles")]
public sealed class ProfilesController(IMediator mediator) : ControllerBase
{
    // No action parameters: the body was read by AltcraftRequestMiddleware.
    [HttpPost("get")]
    [ReadsAltcraftParameters]
    public async Task<ProfileResponse> Get()
    {
        var request = HttpContext.Features.GetRequiredFeature<AltcraftRequest>();
        var query = GetProfileRequest.Query(request.Token, request.Parameters);
        return new ProfileResponse(0, ResponseTexts.Success, await mediator.Send(query, HttpContext.RequestAborted));
    }
}
