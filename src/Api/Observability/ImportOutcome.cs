using QuickImport.Domain.Importing;

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

    /// <summary>An import of one item (the quick import, <c>/profiles/import</c>) answered with its item's outcome.</summary>
    public void Answered(ItemOutcome item) => Success = item.Succeeded ? item.Created ? Created : Updated : null;

    /// <summary>A batch answered 200 with each item's outcome, whatever they are.</summary>
    public void AnsweredBatch() => Success = Batch;
}
