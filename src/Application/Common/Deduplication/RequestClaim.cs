namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// The running request's claim on its deduplication key, made inside the request's transaction
/// rather than in a round trip of its own before it (ADR 33): the claim commits with what the request
/// writes, or rolls back with it, and carries the request's outcome when the transaction's result
/// tells it (ADR 34). Scoped to the request: the deduplicated import asks for it, the import's
/// transaction sends it with its COMMIT and says here how that went.
/// </summary>
public sealed class RequestClaim
{
    private Func<object?, StoredOutcome?>? outcomeOf;

    /// <summary>The key; null when the request is not deduplicated.</summary>
    public RequestKey? Key { get; private set; }

    /// <summary>When the claim was made: it identifies the claim in the store (whole microseconds, as PostgreSQL keeps them).</summary>
    public DateTimeOffset Since { get; private set; }

    public RequestClaimState State { get; private set; } = RequestClaimState.None;

    /// <summary>The claim as the store knows it, to complete or release.</summary>
    public DeduplicationClaim.Claimed AsStored => new(Since);

    /// <summary>
    /// The request is deduplicated by <paramref name="key"/>: its transaction claims it, storing the
    /// outcome that <paramref name="outcome"/> makes of the <typeparamref name="TResult"/> it commits with.
    /// </summary>
    public void Request<TResult>(RequestKey key, DateTimeOffset now, Func<TResult, StoredOutcome> outcome)
    {
        Key = key;
        Since = DeduplicationClaim.TimeOf(now);
        outcomeOf = result => result is TResult committed ? outcome(committed) : null;
        State = RequestClaimState.Pending;
    }

    /// <summary>The outcome to store with the claim if the transaction commits with <paramref name="result"/>; null when unknown.</summary>
    public StoredOutcome? OutcomeFor(object? result) => State is RequestClaimState.Pending ? outcomeOf?.Invoke(result) : null;

    /// <summary>
    /// The transaction the claim travelled with committed, or perhaps did (its COMMIT's outcome is
    /// unknown): the key is this request's — answered when the claim was stored with its outcome and
    /// the COMMIT is known to have been carried out, else to complete or to give up.
    /// </summary>
    public void Committed(bool answered)
    {
        if (State is RequestClaimState.Pending)
        {
            State = answered ? RequestClaimState.Answered : RequestClaimState.Held;
        }
    }

    /// <summary>The store refused the claim: an identical request holds the key, and this run is rolled back.</summary>
    public DuplicateRequestException Refused()
    {
        State = RequestClaimState.Taken;
        return new DuplicateRequestException(Key!.Value);
    }
}

/// <summary>How a request's claim on its deduplication key stands.</summary>
public enum RequestClaimState
{
    /// <summary>The request is not deduplicated.</summary>
    None,

    /// <summary>Not claimed yet: no transaction of the request committed (none ran, or it rolled back).</summary>
    Pending,

    /// <summary>Claimed with the request's transaction, committed (or perhaps: its COMMIT's outcome is unknown), without its outcome.</summary>
    Held,

    /// <summary>Claimed with the request's outcome by its transaction, committed: nothing is left to store.</summary>
    Answered,

    /// <summary>An identical request holds the key; this run was rolled back.</summary>
    Taken,
}
