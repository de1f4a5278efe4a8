namespace QuickImport.Application.Common.Deduplication;

/// <summary>What a request learns when it claims its deduplication key.</summary>
public abstract record DeduplicationClaim
{
    private DeduplicationClaim()
    {
    }

    /// <summary>A claim's time, in whole microseconds as PostgreSQL keeps it: the claim is identified by it later.</summary>
    public static DateTimeOffset TimeOf(DateTimeOffset now) => now.AddTicks(-(now.Ticks % 10));

    /// <summary>The key is this request's: it runs, then completes or releases the key.</summary>
    /// <param name="Since">When it was claimed: a request completes or releases only its own claim.</param>
    public sealed record Claimed(DateTimeOffset Since) : DeduplicationClaim;

    /// <summary>An earlier request with the key finished; its outcome is replayed.</summary>
    public sealed record Completed(StoredOutcome Outcome) : DeduplicationClaim;

    /// <summary>An earlier request with the key is still running.</summary>
    public sealed record InProgress : DeduplicationClaim;
}
