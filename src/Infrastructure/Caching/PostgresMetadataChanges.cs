using Npgsql;
using QuickImport.Application.Common.Caching;

namespace QuickImport.Infrastructure.Caching;

/// <summary>Clears this instance's cache at once and notifies every instance's listener through PostgreSQL.</summary>
internal sealed class PostgresMetadataChanges(NpgsqlDataSource dataSource, MetadataCache cache) : IMetadataChanges
{
    public async ValueTask PublishAsync(CancellationToken cancellationToken)
    {
        cache.Clear();
        await using var notify = dataSource.CreateCommand($"SELECT pg_notify('{MetadataChangeListener.Channel}', '')");
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
