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
[Route(Route)]
[EnableRateLimiting(TokenRateLimiting.Policy)]
public sealed class ProfileImportsController(DeduplicatedImports imports, ImportOutcome outcome) : ControllerBase
{
    public const string Route = "api/v1.1/profiles";

    private const string ImportCall = "import";
    private const string ImportBatchCall = "import_batch";
    private const string AddBatchCall = "add_batch";
    private const string UpdateBatchCall = "update_batch";

    /// <summary>The calls' last path segments.</summary>
    public static readonly IReadOnlyList<string> Calls = [ImportCall, ImportBatchCall, AddBatchCall, UpdateBatchCall];

    /// <summary>One profile: the item's outcome at the top level, with its own status.</summary>
    [HttpPost(ImportCall)]
    [ReadsImportJson(ImportKind.FindOrCreate, single: true)]
    public Task Import() => RunAsync(answer => ImportAnswers.Single(answer, json: true), batch: false);

    /// <summary>Many profiles, each found or created.</summary>
    [HttpPost(ImportBatchCall)]
    [ReadsImportJson(ImportKind.FindOrCreate)]
    public Task ImportBatch() => RunAsync(ImportAnswers.Batch, batch: true);

    /// <summary>Many profiles, each created: one whose email or unique value another profile holds is refused (435).</summary>
    [HttpPost(AddBatchCall)]
    [ReadsImportJson(ImportKind.CreateOnly)]
    public Task AddBatch() => RunAsync(ImportAnswers.Batch, batch: true);

    /// <summary>Many profiles, each updated: one that matches no profile is refused (404).</summary>
    [HttpPost(UpdateBatchCall)]
    [ReadsImportJson(ImportKind.UpdateOnly)]
    public Task UpdateBatch() => RunAsync(ImportAnswers.Batch, batch: true);

    private async Task RunAsync(Func<ImportAnswer, RenderedAnswer> render, bool batch)
    {
        var command = HttpContext.Features.GetRequiredFeature<ImportProfilesCommand>();
        var answer = await imports.RunAsync(command, HttpContext.Features.GetRequiredFeature<RequestKey>(), waitWhileHeld: true, HttpContext.RequestAborted);
        outcome.Answered(answer, batch);
        await ImportAnswers.WriteAsync(Response, answer, render(answer));
    }
}
