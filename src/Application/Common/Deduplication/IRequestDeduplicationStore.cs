namespace QuickImport.Application.Common.Deduplication;

/// <summary>
/// Keeps the outcome of requests by deduplication key, shared by every instance of the service, so a
/// repeated request is answered from the first one's outcome instead of running again. A key is live
/// while its request runs (for the lease at most) and, once it finished, for the window.
/// </summary>
public interface IRequestDeduplicationStore
{
    /// <summary>Claims the key for its request, unless a live request holds it.</summary>
    Task<DeduplicationClaim> ClaimAsync(RequestKey key, CancellationToken cancellationToken);

    /// <summary>
    /// How each key stands, claiming none (a batch's look before it runs, ADR 42): an earlier request's
    /// outcome (<see cref="DeduplicationClaim.Completed"/>), a request still running
    /// (<see cref="DeduplicationClaim.InProgress"/>), or null for a free key — free when read: the batch's
    /// own claim is what decides.
    /// </summary>
    Task<IReadOnlyList<DeduplicationClaim?>> FindEachAsync(IReadOnlyList<RequestKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the outcome, replayed to repeats for the window. It may be stored just after this
    /// returns: a repeat that comes sooner finds the key still claimed and waits.
    /// </summary>
    /// <remarks>Nothing happens when the claim was lost (its lease ran out).</remarks>
    Task CompleteAsync(RequestKey key, DeduplicationClaim.Claimed claim, StoredOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives the key up without storing anything, so a repeat runs again.</summary>
    Task ReleaseAsync(RequestKey key, DeduplicationClaim.Claimed claim, CancellationToken cancellationToken);
}
