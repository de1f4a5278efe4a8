using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;
using QuickImport.Infrastructure.Persistence;
using QuickImport.Infrastructure.Security;

using QuickImport.Api.IntegrationTests;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>
/// Sets up accounts and their objects straight through the persistence layer, and reads back what
/// imports stored. Kept small: the admin API replaces the set-up half once it exists.
/// </summary>
public static class TestData
{
    public static async Task<TestAccount> CreateAccountAsync(int? profileLimit = null)
    {
        var account = await WithContextAsync(async (db, _) =>
        {
            var created = new Account($"account-{Guid.NewGuid():N}", profileLimit);
            db.Accounts.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        await SetProfileLimitAsync(account.Id, profileLimit);
        var token = await CreateTokenAsync(account.Id);
        var databaseId = await CreateDatabaseAsync(account.Id);
        return new TestAccount(account.Id, token, databaseId);
    }

    public static Task<string> CreateTokenAsync(int accountId) => WithContextAsync(async (db, _) =>
    {
        var secret = ApiTokenSecret.Generate();
        db.ApiTokens.Add(new ApiToken(accountId, "test", ApiTokenSecret.Hash(secret), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return secret;
    });

    public static Task RevokeTokenAsync(string secret) => WithContextAsync(async (db, _) =>
    {
        var hash = ApiTokenSecret.Hash(secret);
        db.ApiTokens.Single(t => t.SecretHash == hash).Revoke(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return 0;
    });

    public static Task<int> CreateDatabaseAsync(int accountId) => WithContextAsync(async (db, _) =>
    {
        var database = new ProfileDatabase(accountId, "test database");
        db.Databases.Add(database);
        await db.SaveChangesAsync();
        return database.Id;
    });

    public static Task AddFieldAsync(int databaseId, string name, FieldType type, bool unique = false, bool required = false, params string[] options) =>
        WithContextAsync(async (db, _) =>
        {
            var database = db.Databases.Single(d => d.Id == databaseId);
            database.AddField(new FieldDefinition(name, type, unique, required, IsSystem: false, options));
            await db.SaveChangesAsync();
            return 0;
        });

    public static Task<int> CreateResourceAsync(int databaseId, bool doubleOptIn = false, params Channel[] channels) =>
        WithContextAsync(async (db, _) =>
        {
            var resource = new Resource(databaseId, "newsletter", channels.Length == 0 ? [Channel.Email, Channel.Sms] : channels, doubleOptIn);
            db.Resources.Add(resource);
            await db.SaveChangesAsync();
            return resource.Id;
        });

    public static Task<int> CreateAutomationAsync(AutomationKind kind, int accountId, int databaseId, bool active = true) =>
        WithContextAsync(async (db, _) =>
        {
            var automation = new Automation(kind, accountId, databaseId, kind.ToString(), active);
            db.Automations.Add(automation);
            await db.SaveChangesAsync();
            return automation.Id;
        });

    public static Task SetProfileLimitAsync(int accountId, int? limit) => WithContextAsync(async (db, services) =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await services.GetRequiredService<ITariffLedger>().ApplyLimitAsync(accountId, limit, CancellationToken.None);
        await transaction.CommitAsync();
        return 0;
    });

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

    private static async Task<T> WithContextAsync<T>(Func<QuickImportDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = TestEnvironment.Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<QuickImportDbContext>(), scope.ServiceProvider);
    }
}

public sealed record TestAccount(int Id, string Token, int DatabaseId);

public sealed record StoredProfile(string Id, int DatabaseId, string? Email, string[] Phones, string FieldsJson)
{
    public System.Text.Json.Nodes.JsonObject Fields => System.Text.Json.Nodes.JsonNode.Parse(FieldsJson)!.AsObject();
}

public sealed record StoredSubscription(int ResourceId, string Channel, string Contact, string Status);
