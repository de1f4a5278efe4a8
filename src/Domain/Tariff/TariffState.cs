namespace QuickImport.Domain.Tariff;

/// <summary>An account's profile limit as an import sees it inside its transaction.</summary>
/// <param name="Limit">The limit; null when the account has none.</param>
/// <param name="Exceeded">The account holds more profiles than its limit (the limit was lowered).</param>
public sealed record TariffState(int? Limit, bool Exceeded);
