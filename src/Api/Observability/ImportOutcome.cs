using QuickImport.Api.Responses;

namespace QuickImport.Api.Observability;

/// <summary>
/// A successful import's outcome (created or updated; a batch's "batch"; a repeat's "duplicate"),
/// set by the controller for the request's telemetry; a failure's outcome is the status the answer
/// went out with.
/// </summary>
public sealed class ImportOutcome
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Batch = "batch";
    public const string Duplicate = "duplicate";

    public string? Success { get; private set; }

    /// <summary>
    /// The import answered: a repeat with the first outcome; a batch with 200 and each item's outcome,
    /// whatever they are; an import of one item with its item's.
    /// </summary>
    public void Answered(ImportAnswer answer, bool batch) => Success = answer switch
    {
        { ReplayOf: not null } => Duplicate,
        { Refusal: not null } => null,
        _ when batch => Batch,
        { Items: [{ Error: null } item] } => item.Created ? Created : Updated,
        _ => null,
    };
}
