namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// The running request's claim on its deduplication key, made inside the request's first transaction
/// rather than in a round trip of its own before it (ADR 33): the claim commits with what the request
/// writes, or rolls back with it. The deduplication middleware asks for it; the unit of work sends it.
/// When the request's answer follows from what its transaction returns (<see cref="AnswerWith{TResult}"/>),
/// the claim is stored with that answer by the same COMMIT (ADR 34).
/// </summary>
public sealed class RequestClaim
{
    private Func<object?, StoredResponse?>? answer;

    /// <summary>The key; null when the request is not deduplicated.</summary>
    public string? Key { get; private set; }

    /// <summary>When the claim was made: it identifies the claim in the store (whole microseconds, as PostgreSQL keeps them).</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>Until when the key stays claimed if the request never finishes (its process died after the COMMIT).</summary>
    public DateTimeOffset LeaseEnds { get; private set; }

    /// <summary>Until when an answer stored with the claim is replayed.</summary>
    public DateTimeOffset AnswerExpires { get; private set; }

    public RequestClaimState State { get; private set; } = RequestClaimState.None;

    /// <summary>The claim as the store knows it, to complete or release.</summary>
    public DeduplicationClaim.Claimed AsStored => new(Since);

    /// <summary>
    /// The request is deduplicated by <paramref name="key"/>: its first transaction claims it, and an
    /// answer stored with the claim is replayed for <paramref name="window"/>.
    /// </summary>
    public void Request(string key, DateTimeOffset now, TimeSpan lease, TimeSpan window)
    {
        Key = key;
        Since = DeduplicationClaim.TimeOf(now);
        LeaseEnds = Since + lease;
        AnswerExpires = Since + window;
        State = RequestClaimState.Pending;
    }

    /// <summary>
    /// The request's answer, should its transaction commit with a <typeparamref name="TResult"/>: the
    /// answer it will send, so that the claim stores it in the COMMIT's round trip.
    /// </summary>
    public void AnswerWith<TResult>(Func<TResult, StoredResponse> answerOf) =>
        answer = result => result is TResult committed ? answerOf(committed) : null;

    /// <summary>The answer to store with the claim if the transaction commits with <paramref name="result"/>; null when unknown.</summary>
    public StoredResponse? AnswerFor(object? result) => State is RequestClaimState.Pending ? answer?.Invoke(result) : null;

    /// <summary>
    /// The transaction the claim travelled with committed, or perhaps did (its COMMIT's outcome is
    /// unknown): the key is this request's — answered when the claim was stored with its answer and
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
        return new DuplicateRequestException(Key!);
    }
}

/// <summary>How a request's claim on its deduplication key stands.</summary>
public enum RequestClaimState
{
    /// <summary>The request is not deduplicated.</summary>
    None,

    /// <summary>Not claimed yet: no transaction of the request committed (none ran, or it rolled back).</summary>
    Pending,

    /// <summary>Claimed with the request's transaction, committed (or perhaps: its COMMIT's outcome is unknown), without its answer.</summary>
    Held,

    /// <summary>Claimed and answered with the request's transaction, committed: nothing is left to store.</summary>
    Answered,

    /// <summary>An identical request holds the key; this run was rolled back.</summary>
    Taken,
}
