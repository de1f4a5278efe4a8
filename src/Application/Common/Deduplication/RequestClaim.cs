namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// The running request's claim on its deduplication key, made inside the request's first transaction
/// rather than in a round trip of its own before it (ADR 33): the claim commits with what the request
/// writes, or rolls back with it. The deduplication middleware asks for it; the unit of work sends it.
/// </summary>
public sealed class RequestClaim
{
    /// <summary>The key; null when the request is not deduplicated.</summary>
    public string? Key { get; private set; }

    /// <summary>When the claim was made: it identifies the claim in the store (whole microseconds, as PostgreSQL keeps them).</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>Until when the key stays claimed if the request never finishes (its process died after the COMMIT).</summary>
    public DateTimeOffset LeaseEnds { get; private set; }

    public RequestClaimState State { get; private set; } = RequestClaimState.None;

    /// <summary>The claim as the store knows it, to complete or release.</summary>
    public DeduplicationClaim.Claimed AsStored => new(Since);

    /// <summary>The request is deduplicated by <paramref name="key"/>: its first transaction claims it.</summary>
    public void Request(string key, DateTimeOffset now, TimeSpan lease)
    {
        Key = key;
        Since = DeduplicationClaim.TimeOf(now);
        LeaseEnds = Since + lease;
        State = RequestClaimState.Pending;
    }

    /// <summary>
    /// The transaction the claim travelled with committed, or perhaps did (its COMMIT's outcome is
    /// unknown): the key is this request's, to complete or to give up.
    /// </summary>
    public void Committed()
    {
        if (State is RequestClaimState.Pending)
        {
            State = RequestClaimState.Held;
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

    /// <summary>Claimed with the request's transaction, committed (or perhaps: its COMMIT's outcome is unknown).</summary>
    Held,

    /// <summary>An identical request holds the key; this run was rolled back.</summary>
    Taken,
}
