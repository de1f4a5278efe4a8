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
using QuickImport.Domain.Importing;

namespace QuickImport.Api.Controllers;

/// <summary>
/// Altcraft's v1.1 import calls (docs/api.md §7), all JSON: one profile, or thousands per call, each
/// item imported as a quick import of it would be, in one transaction.
/// </summary>
[ApiController]
[Route("api/v1.1/profiles")]
[EnableRateLimiting(TokenRateLimiting.Policy)]
[Deduplicated]
public sealed class ProfileImportsController(IMediator mediator, ImportOutcome outcome, RequestClaim claim) : ControllerBase
{
    /// <summary>One profile: the item's outcome at the top level, with its own status.</summary>
    [HttpPost("import")]
    [ReadsImportJson(ImportKind.FindOrCreate, single: true)]
    public Task Import() => RunAsync(result => ImportAnswers.Single(result.Items[0], json: true));

    /// <summary>Many profiles, each found or created.</summary>
    [HttpPost("import_batch")]
    [ReadsImportJson(ImportKind.FindOrCreate)]
    public Task ImportBatch() => RunAsync(ImportAnswers.Batch);

    /// <summary>Many profiles, each created: one whose email or unique value another profile holds is refused (435).</summary>
    [HttpPost("add_batch")]
    [ReadsImportJson(ImportKind.CreateOnly)]
    public Task AddBatch() => RunAsync(ImportAnswers.Batch);

    /// <summary>Many profiles, each updated: one that matches no profile is refused (404).</summary>
    [HttpPost("update_batch")]
    [ReadsImportJson(ImportKind.UpdateOnly)]
    public Task UpdateBatch() => RunAsync(ImportAnswers.Batch);

    private async Task RunAsync(Func<ImportResult, StoredResponse> answer)
    {
        var command = HttpContext.Features.GetRequiredFeature<ImportProfilesCommand>();

        // What an import that commits answers: its deduplication claim stores it with the same COMMIT (ADR 34).
        claim.AnswerWith(answer);
        var result = await mediator.Send(command, HttpContext.RequestAborted);
        outcome.Answered(result);
        await AltcraftResponseWriter.WriteAsync(Response, answer(result));
    }
}
