using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QuickImport.Api.Binding;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Observability;
using QuickImport.Api.RateLimiting;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfile;

namespace QuickImport.Api.Controllers;

/// <summary>Altcraft's Quick profile import: <c>POST /api/integrations/any/profile_import</c>.</summary>
[ApiController]
[Route(Route)]
public sealed class ProfileImportController(IMediator mediator, ImportOutcome outcome, RequestClaim claim) : ControllerBase
{
    public const string Route = "api/integrations/any/profile_import";

    // No action parameters: the body was read by AltcraftRequestMiddleware, and MVC's model binding
    // would try to read a form body again.
    [HttpPost]
    [ReadsAltcraftParameters]
    [EnableRateLimiting(TokenRateLimiting.Policy)]
    [Deduplicated]
    public async Task Import()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var request = HttpContext.Features.GetRequiredFeature<AltcraftRequest>();
        var command = new ImportProfileCommand(request.Token, request.Parameters, Request.Headers.Referer.FirstOrDefault());
        var json = AltcraftResponseWriter.WantsJson(Request);

        // What an import that commits answers: its deduplication claim stores it with the same COMMIT (ADR 34).
        claim.AnswerWith<ImportProfileResult>(imported => Answer(imported, json));
        var result = await mediator.Send(command, cancellationToken);
        outcome.Answered(result);
        await AltcraftResponseWriter.WriteAsync(Response, Answer(result, json));
    }

    private static StoredResponse Answer(ImportProfileResult result, bool json) => json
        ? AltcraftResponseWriter.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["error"] = 0,
            ["error_text"] = ResponseTexts.Success,
            ["profile_id"] = result.ProfileId.Value,
            ["created"] = result.Created,
        })
        : AltcraftResponseWriter.Text(StatusCodes.Status200OK, $"{ResponseTexts.Added} {result.ProfileId}");
}
