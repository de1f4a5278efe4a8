using QuickImport.Application.Profiles.ImportProfile;

namespace QuickImport.Api.Observability;

/// <summary>
/// A successful import's outcome (created or updated), set by the controller for the request's
/// telemetry; a failure's outcome is the status the exception handler answered with.
/// </summary>
public sealed class ImportOutcome
{
    public const string Created = "created";
    public const string Updated = "updated";

    public string? Success { get; private set; }

    public void Answered(ImportProfileResult result) => Success = result.Created ? Created : Updated;
}
