using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// What the store holds, taken before and after a refused request: the row count of every table a
/// request can write, and a digest of every profile row of the target database (so an update shows
/// too). The integration tests run one at a time, so nothing else writes in between.
/// </summary>
public sealed record StoreSnapshot(string Counts, string ProfilesDigest)
{
    private static readonly string[] Tables =
    [
        "accounts", "api_tokens", "profile_databases", "custom_fields", "resources", "automations",
        "profiles", "profile_unique_values", "subscriptions", "automation_runs", "tariff_stripes", "request_deduplication",
    ];

    public static async Task<StoreSnapshot> TakeAsync(int databaseId)
    {
        var counts = await TestData.QueryAsync(
            string.Join(" UNION ALL ", Tables.Select(t => $"SELECT '{t}=' || count(*) FROM {t}")),
            r => r.GetString(0));
        var digest = await TestData.QueryAsync(
            "SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') FROM profiles p WHERE database_id = $1",
            r => r.GetString(0),
            databaseId);
        return new StoreSnapshot(string.Join(", ", counts), digest.Single());
    }
}
