namespace QuickImport.Infrastructure.Persistence.Repositories;

/// <summary>Room claimed under an account's limit: how many profiles, the first stripe it came from.</summary>
internal readonly record struct TariffRoom(int Claimed, int? Stripe);
