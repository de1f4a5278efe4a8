namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// Keeps the outcome of requests by deduplication key, shared by every instance of the service, so a
/// repeated request is answered from the first one's outcome instead of running again.
/// </summary>
public interface IRequestDeduplicationStore
{
    /// <param name="lease">How long the key stays claimed by a request that never completes (a crash).</param>
    Task<DeduplicationClaim> ClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the response, replayed to repeats until <paramref name="expiresAt"/>. It may be stored
    /// just after this returns: a repeat that comes sooner finds the key still claimed and waits.
    /// </summary>
    /// <remarks>Nothing happens when the claim was lost (its lease ran out and another request took the key).</remarks>
    Task CompleteAsync(string key, DeduplicationClaim.Claimed claim, StoredResponse response, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives the key up without storing anything, so a repeat runs again.</summary>
    Task ReleaseAsync(string key, DeduplicationClaim.Claimed claim, CancellationToken cancellationToken);

    /// <returns>How many expired keys were removed (at most <paramref name="batchSize"/>).</returns>
    Task<int> PurgeExpiredAsync(int batchSize, CancellationToken cancellationToken);
}
