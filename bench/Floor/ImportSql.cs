using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace QuickImport.Bench.Floor;

/// <summary>bench/pgbench/import.sql's statements: the email searched for, then the profile upserted and subscribed.</summary>
public static class ImportSql
{
    private const string Search =
        """
        SELECT id FROM profiles WHERE database_id = $1 AND lower(email) = lower($2)
        UNION SELECT profile_id FROM subscriptions WHERE database_id = $1 AND channel = 'Email' AND contact_key = lower($2)
        """;

    private const string Write =
        """
        WITH profile AS (
            INSERT INTO profiles (id, database_id, email, fields, created_at, updated_at)
            VALUES (substr(md5(lower($2)), 1, 24), $1, $2, jsonb_build_object('_fname', $3::text), now(), now())
            ON CONFLICT (database_id, lower(email)) DO UPDATE SET fields = profiles.fields || EXCLUDED.fields, updated_at = now()
            RETURNING id),
        subscription AS (
            INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
            SELECT $1, id, $4, 'Email', $2, lower($2), 'Subscribed', now(), now() FROM profile
            ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING)
        SELECT id FROM profile
        """;

    /// <summary>
    /// Runs the import on <paramref name="connection"/>, opened here and closed (back to the pool) at the end: one batch,
    /// or with <paramref name="twoRoundTrips"/> the search in a transaction (its BEGIN travels with it), its rows read,
    /// then the write with the COMMIT. Returns the profile's id.
    /// </summary>
    public static async Task<string> RunAsync(NpgsqlConnection connection, ImportCommand command, bool twoRoundTrips, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        try
        {
            var search = Statement(Search, command.DatabaseId!.Value, command.Email);
            var write = Statement(Write, command.DatabaseId!.Value, command.Email, command.Name, command.ResourceId!.Value);
            if (!twoRoundTrips)
            {
                return await SendAsync(connection, [search, write], resultSets: 2, cancellationToken);
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SendAsync(connection, [search], resultSets: 1, cancellationToken);
            return await SendAsync(connection, [write, new NpgsqlBatchCommand("COMMIT")], resultSets: 1, cancellationToken);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    // Sends the statements in one round trip and reads their result sets; returns the first column of the last one's first row.
    private static async Task<string> SendAsync(NpgsqlConnection connection, NpgsqlBatchCommand[] statements, int resultSets, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var last = "";
        for (var set = 0; set < resultSets; set++)
        {
            if (set > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetString(0);
            }
        }

        return last;
    }

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

/// <summary>The scope piece: the import's store, a scoped service on the request's DbContext, as PostgresProfileImportStore on SqlSession's.</summary>
public sealed class ImportStore(FloorDbContext db, Pieces pieces)
{
    // The DbContext's own connection, opened and closed past EF Core, as SqlSession.BeginTransactionAsync.
    public Task<string> RunAsync(ImportCommand command, CancellationToken cancellationToken) =>
        ImportSql.RunAsync((NpgsqlConnection)db.Database.GetDbConnection(), command, pieces.TwoRoundTrips, cancellationToken);
}

/// <summary>A DbContext with nothing mapped: leased from its pool for the request's scope, as QuickImport's.</summary>
public sealed class FloorDbContext(DbContextOptions<FloorDbContext> options) : DbContext(options);
