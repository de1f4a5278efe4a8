using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class SubscriptionRepository(QuickImportDbContext db, SqlSession sql, TimeProvider clock) : ISubscriptionRepository
{
    // ON CONFLICT DO NOTHING: an existing subscription keeps its status, so an import never turns
    // an unsubscribed, complained, bounced or suspended contact back into a subscribed one.
    private const string InsertMissing = """
        INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
        SELECT $1, $2, $3, c.channel, c.contact, c.contact_key, $4, $5, $5
        FROM unnest($6::text[], $7::text[], $8::text[]) AS c(channel, contact, contact_key)
        ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING
        """;

    /// <remarks>Deferred: written with the import's other writes, just before its commit.</remarks>
    public Task AddMissingAsync(
        ProfileId profile,
        Resource resource,
        IReadOnlyList<SubscriptionContact> contacts,
        CancellationToken cancellationToken)
    {
        sql.Defer(SqlSession.Statement(
            InsertMissing,
            new NpgsqlParameter<int> { TypedValue = resource.DatabaseId },
            new NpgsqlParameter<string> { TypedValue = profile.Value },
            new NpgsqlParameter<int> { TypedValue = resource.Id },
            new NpgsqlParameter<string> { TypedValue = resource.InitialStatus.ToString() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() },
            new NpgsqlParameter<string[]> { TypedValue = [.. contacts.Select(c => c.Channel.ToString())] },
            new NpgsqlParameter<string[]> { TypedValue = [.. contacts.Select(c => c.Contact)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. contacts.Select(c => c.Key)] }));
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Subscription>> ListAsync(ProfileId profile, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking()
            .Where(s => s.ProfileId == profile.Value)
            .OrderBy(s => s.ResourceId).ThenBy(s => s.Channel).ThenBy(s => s.Id)
            .Select(s => new Subscription(s.ResourceId, s.Channel, s.Contact, s.Status))
            .ToListAsync(cancellationToken);
}
