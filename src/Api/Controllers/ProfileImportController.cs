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
using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Controllers;

/// <summary>Altcraft's Quick profile import: <c>POST /api/integrations/any/profile_import</c>, an import of one item.</summary>
[ApiController]
[Route(Route)]
public sealed class ProfileImportController(IMediator mediator, ImportOutcome outcome, RequestClaim claim) : ControllerBase
{
    public const string Route = "api/integrations/any/profile_import";

    // No action parameters: the request was read into its command by AltcraftRequestMiddleware, and
    // MVC's model binding would try to read a form body again.
    [HttpPost]
    [ReadsAltcraftParameters(QuickImport = true)]
    [EnableRateLimiting(TokenRateLimiting.Policy)]
    [Deduplicated]
    public async Task Import()
    {
        var command = HttpContext.Features.GetRequiredFeature<ImportProfilesCommand>();
        var json = AltcraftResponseWriter.WantsJson(Request);
        var answer = ImportAnswers.Once(imported => ImportAnswers.Single(imported.Items[0], json));

        // What an import that commits answers: its deduplication claim stores it with the same COMMIT (ADR 34).
        claim.AnswerWith(answer);
        var result = await mediator.Send(command, HttpContext.RequestAborted);
        outcome.Answered(result.Items[0]);
        await AltcraftResponseWriter.WriteAsync(Response, answer(result));
    }
}
