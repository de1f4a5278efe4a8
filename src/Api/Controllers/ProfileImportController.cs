using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Binding;
using QuickImport.Api.Responses;
using QuickImport.Application.Profiles.ImportProfile;

namespace QuickImport.Api.Controllers;

/// <summary>Altcraft's Quick profile import: <c>POST /api/integrations/any/profile_import</c>.</summary>
[ApiController]
[Route("api/integrations/any/profile_import")]
public sealed class ProfileImportController(IMediator mediator) : ControllerBase
{
    // No action parameters: MVC's model binding would read a form body before the reader sees it.
    [HttpPost]
    public async Task Import()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var parameters = await RequestParametersReader.ReadAsync(Request, cancellationToken);
        var command = new ImportProfileCommand(
            parameters.Value(ImportParameterNames.Token) ?? BearerToken.From(Request),
            parameters,
            Request.Headers.Referer.FirstOrDefault());
        var result = await mediator.Send(command, cancellationToken);

        if (AltcraftResponseWriter.WantsJson(Request))
        {
            await AltcraftResponseWriter.WriteJsonAsync(Response, StatusCodes.Status200OK, new JsonObject
            {
                ["error"] = 0,
                ["error_text"] = ResponseTexts.Success,
                ["profile_id"] = result.ProfileId.Value,
                ["created"] = result.Created,
            });
            return;
        }

        await AltcraftResponseWriter.WriteTextAsync(Response, StatusCodes.Status200OK, $"{ResponseTexts.Added} {result.ProfileId}");
    }
}
