using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL on the DbContext's connection, inside its current transaction: the import's hot
/// path uses it where EF Core would cost round trips or could not say ON CONFLICT.
/// </summary>
internal sealed class SqlSession(QuickImportDbContext db)
{
    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddRange(parameters);
        return command;
    }

    public NpgsqlBatch Batch(params NpgsqlBatchCommand[] commands)
    {
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
