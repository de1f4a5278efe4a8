using QuickImport.Domain.Common;

namespace QuickImport.Domain.Tariff;

/// <summary>Keeps an account's profile count within its limit, exactly, under any concurrency.</summary>
public interface ITariffLedger
{
    /// <summary>
    /// Joins the account's tariff for the current transaction and reads its state, both with the
    /// transaction's next query (the import's search).
    /// </summary>
    Deferred<TariffState> Enter(int accountId);

    /// <summary>Claims room for one new profile under the limit, held until the transaction ends.</summary>
    /// <returns>False when the account holds its limit.</returns>
    Task<bool> TryClaimRoomAsync(int accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the account's limit (null: none) within the current transaction, waiting for imports
    /// under way, and recounts the room left and whether the account now holds more than its limit.
    /// </summary>
    Task ApplyLimitAsync(int accountId, int? limit, CancellationToken cancellationToken);
}
