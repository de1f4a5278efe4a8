namespace QuickImport.Domain.Tariff;

/// <summary>The tariff's two refusals (docs/api.md §1, "Tariff").</summary>
public static class TariffGuard
{
    /// <summary>Any import is refused while the account holds more profiles than its (lowered) limit.</summary>
    public static void EnsureNotExceeded(TariffState state)
    {
        if (state is { Limit: { } limit, Exceeded: true })
        {
            throw new TariffExceededException(limit);
        }
    }

    /// <summary>A create is refused when no room under the limit could be claimed for it.</summary>
    public static void EnsureRoomClaimed(TariffState state, bool claimed)
    {
        if (state.Limit is { } limit && !claimed)
        {
            throw new TariffLimitReachedException(limit);
        }
    }
}
