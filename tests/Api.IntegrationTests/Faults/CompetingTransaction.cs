using Npgsql;

namespace QuickImport.Api.IntegrationTests.Faults;

/// <summary>
/// Another client's transaction on the test database, holding locks an import needs, the way a
/// long report or an operator's session does in production.
/// </summary>
public sealed class CompetingTransaction : IAsyncDisposable
{
    // TariffLedger's advisory lock class for an account: imports hold it shared, a change of the limit exclusively.
    private const int AccountLockClass = 1;

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private CompetingTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static async Task<CompetingTransaction> BeginAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        return new CompetingTransaction(connection, await connection.BeginTransactionAsync());
    }

    /// <summary>
    /// Locks the trigger's row: an import that launches it waits at the insert of its launch (the
    /// foreign key's check), after it has written its profile, subscriptions and tariff claim.
    /// </summary>
    public Task LockAutomationAsync(int automationId) =>
        ExecuteAsync("SELECT 1 FROM automations WHERE id = $1 FOR UPDATE", automationId);

    /// <summary>Takes the account's tariff lock exclusively, waiting for the imports that hold it shared.</summary>
    public Task LockAccountAsync(int accountId) =>
        ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", AccountLockClass, accountId);

    /// <summary>
    /// Creates a profile holding the unique value, uncommitted: an import that claims the value
    /// meanwhile does not see it in its search, and waits for it at its claim.
    /// </summary>
    public async Task HoldUniqueValueAsync(int databaseId, string field, string valueKey, string profileId)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    "INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys) VALUES ($1, $2, NULL, '{}', '{}', now(), now(), '{}')")
                {
                    Parameters = { new() { Value = profileId }, new() { Value = databaseId } },
                },
                new NpgsqlBatchCommand("INSERT INTO profile_unique_values (database_id, field_name, value_key, profile_id) VALUES ($1, $2, $3, $4)")
                {
                    Parameters = { new() { Value = databaseId }, new() { Value = field }, new() { Value = valueKey }, new() { Value = profileId } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    // The sessions of the test database that wait for a lock.
    private const string Waiters = "FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";

    /// <summary>Waits until another session of the test database waits for a lock (bounded).</summary>
    public static async Task WaitForAWaiterAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        await using var observer = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await observer.OpenAsync();
        await using var waiting = new NpgsqlCommand($"SELECT count(*) {Waiters}", observer);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("no session started to wait for the competing transaction's lock");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Ends the sessions waiting for a lock (<c>pg_terminate_backend</c>), as a failover would.</summary>
    /// <returns>How many were ended.</returns>
    public static async Task<long> TerminateTheWaitersAsync()
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) {Waiters}", admin);
        return (long)(await terminate.ExecuteScalarAsync())!;
    }

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task ExecuteAsync(string sql, params int[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}
