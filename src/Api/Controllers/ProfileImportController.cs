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
public sealed class ProfileImportController(DeduplicatedImports imports, ImportOutcome outcome) : ControllerBase
{
    public const string Route = "api/integrations/any/profile_import";

    // No action parameters: the request was read into its command by AltcraftRequestMiddleware, and
    // MVC's model binding would try to read a form body again.
    [HttpPost]
    [ReadsAltcraftParameters(QuickImport = true)]
    [EnableRateLimiting(TokenRateLimiting.Policy)]
    public async Task Import()
    {
        var command = HttpContext.Features.GetRequiredFeature<ImportProfilesCommand>();
        var answer = await imports.RunAsync(command, HttpContext.Features.GetRequiredFeature<RequestKey>(), waitWhileHeld: true, HttpContext.RequestAborted);
        outcome.Answered(answer, batch: false);
        await ImportAnswers.WriteAsync(Response, answer, ImportAnswers.Single(answer, AltcraftResponseWriter.WantsJson(Request)));
    }
}
