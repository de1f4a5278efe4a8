namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// The running request's claim on its deduplication key — or, for a batch of queue messages, on each
/// item's key (ADR 42) — made inside the request's transaction
/// rather than in a round trip of its own before it (ADR 33): the claim commits with what the request
/// writes, or rolls back with it, and carries the request's outcome when the transaction's result
/// tells it (ADR 34). Scoped to the request: the deduplicated import asks for it, the import's
/// transaction sends it with its COMMIT and says here how that went.
/// </summary>
public sealed class RequestClaim
{
    private Func<object?, IReadOnlyList<StoredOutcome>?>? outcomesOf;

    /// <summary>The keys claimed: the request's one, or a batch's, one an item in the items' order; none when the request is not deduplicated.</summary>
    public IReadOnlyList<RequestKey> Keys { get; private set; } = [];

    /// <summary>When the claim was made: it identifies the claim in the store (whole microseconds, as PostgreSQL keeps them).</summary>
    public DateTimeOffset Since { get; private set; }

    public RequestClaimState State { get; private set; } = RequestClaimState.None;

    /// <summary>The claim as the store knows it, to complete or release.</summary>
    public DeduplicationClaim.Claimed AsStored => new(Since);

    /// <summary>
    /// The request is deduplicated by <paramref name="key"/>: its transaction claims it, storing the
    /// outcome that <paramref name="outcome"/> makes of the <typeparamref name="TResult"/> it commits with.
    /// </summary>
    public void Request<TResult>(RequestKey key, DateTimeOffset now, Func<TResult, StoredOutcome> outcome) =>
        RequestEach<TResult>([key], now, result => [outcome(result)]);

    /// <summary>
    /// Each item of a batch is deduplicated by its own key, in the items' order, as if it were a
    /// request of its own: the transaction claims them all, storing for each the outcome that
    /// <paramref name="outcomes"/> makes of the <typeparamref name="TResult"/> it commits with (one an
    /// item, in the same order).
    /// </summary>
    public void RequestEach<TResult>(IReadOnlyList<RequestKey> keys, DateTimeOffset now, Func<TResult, IReadOnlyList<StoredOutcome>> outcomes)
    {
        Keys = keys;
        Since = DeduplicationClaim.TimeOf(now);
        outcomesOf = result => result is TResult committed ? outcomes(committed) : null;
        State = RequestClaimState.Pending;
    }

    /// <summary>The outcomes to store with the keys, one a key, if the transaction commits with <paramref name="result"/>; null when unknown.</summary>
    public IReadOnlyList<StoredOutcome>? OutcomesFor(object? result) => State is RequestClaimState.Pending ? outcomesOf?.Invoke(result) : null;

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

    /// <summary>
    /// The store refused the claim: an identical request holds the key (for a batch, one of its keys,
    /// the exception naming the first: the store does not tell which), and this run is rolled back.
    /// </summary>
    public DuplicateRequestException Refused()
    {
        State = RequestClaimState.Taken;
        return new DuplicateRequestException(Keys[0]);
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
