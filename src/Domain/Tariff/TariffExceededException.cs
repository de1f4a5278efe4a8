using QuickImport.Domain.Common;

namespace QuickImport.Domain.Tariff;

/// <summary>The account already holds more profiles than its (lowered) limit (HTTP 402).</summary>
public sealed class TariffExceededException(int limit)
    : DomainException($"the account holds more than its limit of {limit} profiles")
{
    public int Limit { get; } = limit;
}
