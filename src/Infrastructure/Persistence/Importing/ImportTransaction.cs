using System.Text.Json;
using Npgsql;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;
using QuickImport.Infrastructure.Persistence.Repositories;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>
/// One import's statements, set-based whatever the number of items: the search is one round trip
/// (<see cref="ImportStatements"/>), the writes travel with the next one — the next chunk's search,
/// or the COMMIT.
/// </summary>
internal sealed class ImportTransaction(SqlSession sql, TariffLedger tariff) : IImportTransaction
{
    private int accountId;
    private int databaseId;
    private TariffRoom room;

    // The tariff is joined once a transaction: its state cannot change under the shared lock (a limit
    // is changed under the exclusive one), so a later chunk's search reads it no more.
    private bool tariffJoined;
    private TariffState? tariffState;

    // Taken for the whole import by LockAll: a chunk's search, whose identities are among them, takes none.
    private bool identitiesLocked;

    public void LockAll(ImportSearch whole)
    {
        JoinTariff(whole.AccountId);
        IdentityLocks.Defer(sql, whole.DatabaseId, whole.LockedIdentities);
        identitiesLocked = true;
        if (ImportStatements.LockMatches(whole.Lookups) is { } matches)
        {
            sql.Defer(SqlSession.Statement(matches.Sql, [Int(whole.DatabaseId), .. matches.Parameters]), SqlSession.IgnoreRows);
        }
    }

    public async Task<ImportSnapshot> SearchAsync(ImportSearch search, CancellationToken cancellationToken)
    {
        (accountId, databaseId) = (search.AccountId, search.DatabaseId);
        JoinTariff(accountId);
        if (!identitiesLocked)
        {
            IdentityLocks.Defer(sql, databaseId, search.LockedIdentities);
        }

        var subscribers = new List<(Channel, string, ProfileId)>();
        var subscriberLookups = search.Lookups.OfType<MatchLookup.Subscriber>().ToList();
        if (subscriberLookups.Count > 0)
        {
            sql.Defer(
                SqlSession.Statement(
                    ImportStatements.SelectSubscribers,
                    Int(databaseId),
                    Texts(subscriberLookups.Select(l => l.Channel.ToString())),
                    Texts(subscriberLookups.Select(l => l.Key))),
                async (reader, ct) =>
                {
                    while (await reader.ReadAsync(ct))
                    {
                        subscribers.Add((Enum.Parse<Channel>(reader.GetString(0)), reader.GetString(1), ProfileId.FromStorage(reader.GetString(2))));
                    }
                });
        }

        // In READ COMMITTED each statement sees what committed before it began: the profiles are read
        // after the locks, and read whole and locked, so two imports of one profile merge one after the other.
        var profiles = new List<Profile>();
        if (ImportStatements.SelectMatches(search.Lookups) is { } matches)
        {
            sql.Defer(
                SqlSession.Statement(matches.Sql, [Int(databaseId), .. matches.Parameters]),
                async (reader, ct) =>
                {
                    while (await reader.ReadAsync(ct))
                    {
                        profiles.Add(await ProfileRows.ReadAsync(reader, databaseId, ct));
                    }
                });
        }

        // Last, so that a holder the profiles' statement found is read as it is after its lock.
        var holders = new List<(UniqueValue, ProfileId)>();
        if (search.UniqueValues.Count > 0)
        {
            sql.Defer(
                SqlSession.Statement(
                    ImportStatements.SelectHolders,
                    Int(databaseId),
                    Texts(search.UniqueValues.Select(v => v.Field)),
                    Texts(search.UniqueValues.Select(v => v.Key))),
                async (reader, ct) =>
                {
                    while (await reader.ReadAsync(ct))
                    {
                        holders.Add((new UniqueValue(reader.GetString(0), reader.GetString(1)), ProfileId.FromStorage(reader.GetString(2))));
                    }
                });
        }

        await sql.FlushAsync(cancellationToken);
        return new ImportSnapshot(tariffState!, profiles, holders, subscribers);
    }

    /// <summary>The account's tariff lock (shared) and state, with the transaction's first query; once.</summary>
    private void JoinTariff(int account)
    {
        if (!tariffJoined)
        {
            tariffJoined = true;
            tariff.Join(account, state => tariffState = state);
        }
    }

    public async Task<int> ClaimRoomAsync(int wanted, CancellationToken cancellationToken)
    {
        room = await tariff.ClaimRoomAsync(accountId, wanted, cancellationToken);
        return room.Claimed;
    }

    public void Write(ImportWrites writes, int unusedRoom)
    {
        tariff.GiveBack(accountId, room, unusedRoom);
        if (writes.Created.Count > 0)
        {
            sql.Defer(ProfileRows.InsertStatement(writes.Created));
        }

        if (writes.Updated.Count > 0)
        {
            sql.Defer(ProfileRows.UpdateStatement(writes.Updated));
        }

        if (writes.ReleasedUniqueValues.Count > 0)
        {
            sql.Defer(SqlSession.Statement(
                ImportStatements.ReleaseUniqueValues,
                Int(databaseId),
                Texts(writes.ReleasedUniqueValues.Select(r => r.Profile.Value)),
                Texts(writes.ReleasedUniqueValues.Select(r => r.Field))));
        }

        if (writes.ClaimedUniqueValues.Count > 0)
        {
            sql.Defer(
                SqlSession.Statement(
                    ImportStatements.ClaimUniqueValues,
                    Int(databaseId),
                    Texts(writes.ClaimedUniqueValues.Select(c => c.Profile.Value)),
                    Texts(writes.ClaimedUniqueValues.Select(c => c.Value.Field)),
                    Texts(writes.ClaimedUniqueValues.Select(c => c.Value.Key))),
                // Its statement ends in a SELECT (it raises on a value taken): a row set to step over
                // when the next chunk's search follows it.
                SqlSession.IgnoreRows,
                translateError: error => error.SqlState == ImportStatements.UniqueValueTaken
                    ? new SearchRacedException($"a value of field '{error.ColumnName}' was taken by an import that committed meanwhile")
                    : null);
        }

        if (writes.Subscriptions.Count > 0)
        {
            DeferSubscriptions(writes.Subscriptions, writes.At);
        }

        if (writes.Enrollments.Count > 0)
        {
            sql.Defer(SqlSession.Statement(
                ImportStatements.InsertEnrollments,
                new NpgsqlParameter<DateTimeOffset> { TypedValue = writes.At },
                new NpgsqlParameter<int[]> { TypedValue = [.. writes.Enrollments.Select(e => e.Automation.Id)] },
                Texts(writes.Enrollments.Select(e => e.Profile.Value))));
        }
    }

    private void DeferSubscriptions(IReadOnlyList<SubscriptionWrite> subscriptions, DateTimeOffset now)
    {
        NpgsqlParameter[] Rows(IReadOnlyList<SubscriptionWrite> rows) =>
        [
            Int(rows[0].Resource.DatabaseId),
            new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
            Texts(rows.Select(s => s.Profile.Value)),
            new NpgsqlParameter<int[]> { TypedValue = [.. rows.Select(s => s.Resource.Id)] },
            Texts(rows.Select(s => s.Contact.Channel.ToString())),
            Texts(rows.Select(s => s.Contact.Contact)),
            Texts(rows.Select(s => s.Contact.Key)),
            Texts(rows.Select(s => s.Status.ToString())),
        ];

        sql.Defer(SqlSession.Statement(ImportStatements.InsertSubscriptions, Rows(subscriptions)));
        var unsubscribing = subscriptions.Where(s => s.Unsubscribes).ToList();
        if (unsubscribing.Count > 0)
        {
            sql.Defer(SqlSession.Statement(ImportStatements.Unsubscribe, Rows(unsubscribing)));
        }
    }

    private static NpgsqlParameter<int> Int(int value) => new() { TypedValue = value };

    private static NpgsqlParameter<string[]> Texts(IEnumerable<string> values) => new() { TypedValue = [.. values] };
}
