namespace QuickImport.Domain.Tariff;

/// <summary>Keeps an account's profile count within its limit, exactly, under any concurrency.</summary>
public interface ITariffLedger
{
    /// <summary>
    /// Sets the account's limit (null: none) within the current transaction, waiting for imports
    /// under way, and recounts the room left and whether the account now holds more than its limit.
    /// </summary>
    Task ApplyLimitAsync(int accountId, int? limit, CancellationToken cancellationToken);
}
