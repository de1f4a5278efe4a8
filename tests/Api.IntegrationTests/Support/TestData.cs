using System.Collections.Concurrent;
using Npgsql;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>
/// Sets up accounts and their objects through the admin API (docs/api.md §2), as an operator would, and
/// reads back what imports stored straight from the database.
/// </summary>
public static class TestData
{
    // The admin API revokes a token by its id; the import tests know only the secret.
    private static readonly ConcurrentDictionary<string, int> TokenIds = new(StringComparer.Ordinal);

    public static async Task<TestAccount> CreateAccountAsync(int? profileLimit = null)
    {
        var accountId = await AdminApi.CreateAccountAsync($"account-{Guid.NewGuid():N}", profileLimit);
        var token = await CreateTokenAsync(accountId);
        var databaseId = await CreateDatabaseAsync(accountId);
        return new TestAccount(accountId, token, databaseId);
    }

    public static async Task<string> CreateTokenAsync(int accountId)
    {
        var (id, secret) = await AdminApi.CreateTokenAsync(accountId);
        TokenIds[secret] = id;
        return secret;
    }

    public static Task RevokeTokenAsync(string secret) => AdminApi.RevokeTokenAsync(TokenIds[secret]);

    public static Task<int> CreateDatabaseAsync(int accountId) => AdminApi.CreateDatabaseAsync(accountId);

    /// <remarks>Only an enum field has options; callers that pass them for any type get them on enums only.</remarks>
    public static Task AddFieldAsync(int databaseId, string name, FieldType type, bool unique = false, bool required = false, params string[] options) =>
        AdminApi.CreateFieldAsync(databaseId, name, type.Name(), unique, required, type == FieldType.Enum ? options : null);

    public static Task<int> CreateResourceAsync(int databaseId, bool doubleOptIn = false, params Channel[] channels) =>
        AdminApi.CreateResourceAsync(
            databaseId,
            [.. (channels.Length == 0 ? [Channel.Email, Channel.Sms] : channels).Select(c => c.ToString().ToLowerInvariant())],
            doubleOptIn);

    public static Task<int> CreateAutomationAsync(AutomationKind kind, int accountId, int databaseId, bool active = true) =>
        AdminApi.CreateAutomationAsync(kind, accountId, databaseId, active);

    public static Task SetProfileLimitAsync(int accountId, int? limit) => AdminApi.PatchLimitAsync(accountId, limit);

    public static async Task<StoredProfile?> FindProfileAsync(string profileId)
    {
        var rows = await QueryAsync(
            "SELECT id, database_id, email, phones, fields::text FROM profiles WHERE id = $1",
            r => new StoredProfile(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetFieldValue<string[]>(3), r.GetString(4)),
            profileId);
        return rows.SingleOrDefault();
    }

    public static async Task<long> CountProfilesAsync(int databaseId) =>
        (await QueryAsync("SELECT count(*) FROM profiles WHERE database_id = $1", r => r.GetInt64(0), databaseId)).Single();

    /// <summary>How many of the database's profiles hold this email, in any case.</summary>
    public static async Task<long> CountProfilesByEmailAsync(int databaseId, string email) =>
        (await QueryAsync(
            "SELECT count(*) FROM profiles WHERE database_id = $1 AND lower(email) = lower($2)",
            r => r.GetInt64(0),
            databaseId,
            email)).Single();

    public static Task<List<StoredSubscription>> SubscriptionsAsync(string profileId) =>
        QueryAsync(
            "SELECT resource_id, channel, contact, status FROM subscriptions WHERE profile_id = $1 ORDER BY channel",
            r => new StoredSubscription(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3)),
            profileId);

    public static Task SetSubscriptionStatusAsync(string profileId, SubscriptionStatus status) =>
        ExecuteAsync("UPDATE subscriptions SET status = $2 WHERE profile_id = $1", profileId, status.ToString());

    public static Task<List<string>> AutomationRunsAsync(int automationId) =>
        QueryAsync("SELECT profile_id FROM automation_runs WHERE automation_id = $1 AND status = 'pending' ORDER BY id", r => r.GetString(0), automationId);

    public static async Task<long> CountRowsAsync(string table, int databaseId) =>
        (await QueryAsync($"SELECT count(*) FROM {table} WHERE database_id = $1", r => r.GetInt64(0), databaseId)).Single();

    public static async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string sql, params object[] parameters) =>
        await QueryAsync(sql, _ => 0, parameters);
}

public sealed record TestAccount(int Id, string Token, int DatabaseId);

public sealed record StoredProfile(string Id, int DatabaseId, string? Email, string[] Phones, string FieldsJson)
{
    public System.Text.Json.Nodes.JsonObject Fields => System.Text.Json.Nodes.JsonNode.Parse(FieldsJson)!.AsObject();
}

public sealed record StoredSubscription(int ResourceId, string Channel, string Contact, string Status);
