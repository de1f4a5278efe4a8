using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Infrastructure.Persistence.Diagnostics;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL on the DbContext's connection, inside its current transaction: the import's hot
/// path uses it where EF Core would cost round trips or could not say ON CONFLICT.
/// </summary>
/// <remarks>Every command or batch made here is executed once: each counts as one round trip.</remarks>
internal sealed class SqlSession(QuickImportDbContext db, DatabaseRoundTrips roundTrips)
{
    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        roundTrips.Add();
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddRange(parameters);
        return command;
    }

    public NpgsqlBatch Batch(params NpgsqlBatchCommand[] commands)
    {
        roundTrips.Add();
        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    public static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
