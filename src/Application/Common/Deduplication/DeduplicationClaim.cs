namespace QuickImport.Application.Common.Deduplication;

/// <summary>What a request learns when it claims its deduplication key.</summary>
public abstract record DeduplicationClaim
{
    private DeduplicationClaim()
    {
    }

    /// <summary>The key is this request's: it runs, then completes or releases the key.</summary>
    public sealed record Claimed : DeduplicationClaim;

    /// <summary>An earlier request with the key finished; its response is replayed.</summary>
    public sealed record Completed(StoredResponse Response) : DeduplicationClaim;

    /// <summary>An earlier request with the key is still running.</summary>
    public sealed record InProgress : DeduplicationClaim;
}
