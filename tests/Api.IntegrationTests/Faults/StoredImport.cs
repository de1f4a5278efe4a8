using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// What imports left in an account's database, read straight from it: a half-written import would
/// show as a profile without its subscriptions or launch, or tariff room taken without a profile.
/// </summary>
public sealed record StoredImport(long Profiles, long Subscriptions, long Launches, long TariffRoomLeft)
{
    public static async Task<StoredImport> ReadAsync(TestAccount account, int triggerId) =>
        new(
            await TestData.CountProfilesAsync(account.DatabaseId),
            await CountAsync(
                "SELECT count(*) FROM subscriptions s JOIN profiles p ON p.id = s.profile_id WHERE p.database_id = $1",
                account.DatabaseId),
            (await TestData.AutomationRunsAsync(triggerId)).Count,
            await CountAsync("SELECT coalesce(sum(remaining), 0)::bigint FROM tariff_stripes WHERE account_id = $1", account.Id));

    private static async Task<long> CountAsync(string sql, int id) =>
        (await TestData.QueryAsync(sql, r => r.GetInt64(0), id)).Single();
}
