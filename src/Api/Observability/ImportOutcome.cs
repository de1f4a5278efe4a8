using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Observability;

/// <summary>
/// A successful import's outcome (created or updated; a batch's "batch"), set by the controller for
/// the request's telemetry; a failure's outcome is the status the answer went out with.
/// </summary>
public sealed class ImportOutcome
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Batch = "batch";

    public string? Success { get; private set; }

    public void Answered(ImportResult result) => Success = result.Items switch
    {
        [{ Succeeded: true } only] => only.Created ? Created : Updated,
        [_] => null,
        _ => Batch,
    };
}
