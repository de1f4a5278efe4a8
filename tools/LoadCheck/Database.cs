using Npgsql;

namespace QuickImport.Tools.LoadCheck;

/// <summary>The service's database, read directly: what the imports really left, not what the API says.</summary>
internal sealed class Database(string connectionString)
{
    // Its own connections, never pooled: the fault phases restart the server under them.
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public async Task<long> ScalarAsync(string sql, params object[] parameters) =>
        (await RowsAsync(sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), parameters)).Single();

    public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
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

    /// <summary>Ends every connection of the application (<c>pg_terminate_backend</c>).</summary>
    /// <returns>How many were ended.</returns>
    public Task<long> TerminateAsync(string applicationName) =>
        ScalarAsync(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
            applicationName);
}
