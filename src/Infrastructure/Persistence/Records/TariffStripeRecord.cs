namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>
/// A row of <c>tariff_stripes</c>: a share of the room an account has left under its profile limit.
/// The room is split over several rows so concurrent creates claim from different rows instead of
/// queuing on one counter; a check constraint keeps every share at zero or more.
/// </summary>
public sealed class TariffStripeRecord
{
    public const int StripesPerAccount = 16;

    public int AccountId { get; init; }

    public short Stripe { get; init; }

    public int Remaining { get; init; }
}
