namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// An import's transaction: one round trip to search for every item, one to write them all with the
/// COMMIT (and, only when the account has a profile limit and items create profiles, one to claim room).
/// </summary>
public interface IProfileImportStore
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, and again from the start when the server
    /// rolled it back (a deadlock, a unique value a concurrent import took first, …). What the work
    /// wrote goes out with the COMMIT, and with it the request's deduplication claim, holding the
    /// answer to <typeparamref name="TResult"/> when the request gave one.
    /// </summary>
    Task<TResult> ImportAsync<TResult>(Func<IImportTransaction, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken);
}
