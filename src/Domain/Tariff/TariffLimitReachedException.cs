using QuickImport.Domain.Common;

namespace QuickImport.Domain.Tariff;

/// <summary>Creating one more profile would pass the account's profile limit (HTTP 402).</summary>
public sealed class TariffLimitReachedException(int limit)
    : DomainException($"the account holds its limit of {limit} profiles")
{
    public int Limit { get; } = limit;
}
