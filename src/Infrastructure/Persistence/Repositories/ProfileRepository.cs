using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using QuickImport.Domain.Fields;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Repositories;

/// <summary>The import's reads and writes of profiles, in SQL, each answered by an index.</summary>
internal sealed class ProfileRepository(SqlSession sql) : IProfileRepository
{
    // Locks are taken in key order, so two imports never wait for each other in a circle.
    private const string LockIdentities =
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM unnest($1::bigint[]) AS u(k) ORDER BY k) AS s";

    private const string ByUniqueValue =
        "SELECT profile_id FROM profile_unique_values WHERE database_id = $1 AND field_name = {0} AND value_key = {1}";

    private const string BySubscription =
        "SELECT profile_id FROM subscriptions WHERE database_id = $1 AND channel = {0} AND contact_key = {1}";

    private const string ByPhone = "SELECT id FROM profiles WHERE phones @> ARRAY[{0}]::text[] AND database_id = $1";

    private const string ByFieldKey = "SELECT id FROM profiles WHERE match_keys @> ARRAY[{0}]::text[] AND database_id = $1";

    // Profile ids are char(24) and Npgsql sends strings as text: every comparison of an id with a
    // parameter casts the parameter, or PostgreSQL casts the column instead and scans the table.
    private const string ById = "SELECT id FROM profiles WHERE id = {0}::char(24) AND database_id = $1";

    private const string Columns = "id, email, phones, fields::text, created_at, updated_at, match_keys";

    private const string Select = $"SELECT {Columns} FROM profiles WHERE id = $2::char(24) AND database_id = $1";

    // Locked in id order, so two imports that match the same profiles never wait for each other in a circle.
    private const string SelectMatchesForUpdate = $"SELECT {Columns} FROM profiles WHERE database_id = $1 AND id IN ({{0}}) ORDER BY id FOR UPDATE";

    private const string SelectHolders = """
        SELECT v.field_name, v.value_key, v.profile_id
        FROM profile_unique_values v
        JOIN unnest($2::text[], $3::text[]) AS u(field_name, value_key)
          ON v.field_name = u.field_name AND v.value_key = u.value_key
        WHERE v.database_id = $1
        """;

    private const string InsertProfile = """
        INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
        """;

    private const string UpdateProfile = """
        UPDATE profiles SET email = $3, phones = $4, fields = $5::jsonb, updated_at = $7, match_keys = $8
        WHERE id = $1::char(24) AND database_id = $2
        """;

    private const string ReleaseUniqueValues = """
        DELETE FROM profile_unique_values
        WHERE profile_id = $1::char(24) AND database_id = $2 AND field_name = ANY($3::text[])
        """;

    // DO NOTHING finds the values taken meanwhile without a unique violation's bare error; each is
    // raised by quickimport_unique_value_taken (SQLSTATE QI435) with its field and, when this
    // statement's snapshot sees it, its holder. An error, not rows: the statement travels with the
    // COMMIT, which it must stop.
    private const string ClaimUniqueValues = """
        WITH wanted AS (SELECT * FROM unnest($3::text[], $4::text[]) AS u(field_name, value_key)),
        claimed AS (
            INSERT INTO profile_unique_values (database_id, field_name, value_key, profile_id)
            SELECT $2, w.field_name, w.value_key, $1 FROM wanted w
            ON CONFLICT (database_id, field_name, value_key) DO NOTHING
            RETURNING field_name)
        SELECT quickimport_unique_value_taken(w.field_name, h.profile_id)
        FROM wanted w
        LEFT JOIN profile_unique_values h ON h.database_id = $2 AND h.field_name = w.field_name AND h.value_key = w.value_key
        WHERE w.field_name NOT IN (SELECT field_name FROM claimed)
        """;

    /// <summary>The SQLSTATE of <c>quickimport_unique_value_taken</c> (migration InitialSchema).</summary>
    private const string UniqueValueTaken = "QI435";

    public async Task<ProfileSearch> SearchAsync(
        int databaseId,
        IReadOnlyCollection<string> identities,
        MatchCriteria criteria,
        IReadOnlyList<UniqueValue> uniqueValues,
        CancellationToken cancellationToken)
    {
        if (identities.Count > 0)
        {
            sql.Defer(
                SqlSession.Statement(
                    LockIdentities,
                    new NpgsqlParameter<long[]> { TypedValue = [.. identities.Select(i => IdentityLockKey.For(databaseId, i))] }),
                SqlSession.IgnoreRows);
        }

        IReadOnlyList<(UniqueValue Value, ProfileId Holder)> holders = [];
        if (uniqueValues.Count > 0)
        {
            sql.Defer(
                SqlSession.Statement(
                    SelectHolders,
                    new NpgsqlParameter<int> { TypedValue = databaseId },
                    new NpgsqlParameter<string[]> { TypedValue = [.. uniqueValues.Select(v => v.Field)] },
                    new NpgsqlParameter<string[]> { TypedValue = [.. uniqueValues.Select(v => v.Key)] }),
                async (reader, ct) => holders = await ReadHoldersAsync(reader, ct));
        }

        // In READ COMMITTED each statement sees what committed before it began: after the locks, so
        // whatever the previous holder of an identity wrote. The matches are read whole and locked:
        // two updates of one profile through different identities merge one after the other.
        var (matchQuery, parameters) = MatchQuery(databaseId, criteria);
        var matches = await sql.QueryAsync(
            SqlSession.Statement(string.Format(null, SelectMatchesForUpdate, matchQuery), parameters),
            async (reader, ct) =>
            {
                var found = new List<Profile>();
                while (await reader.ReadAsync(ct))
                {
                    found.Add(await ReadProfileAsync(reader, databaseId, ct));
                }

                return (IReadOnlyList<Profile>)found;
            },
            cancellationToken);
        return new ProfileSearch(matches, holders);
    }

    public async Task<IReadOnlyList<ProfileId>> FindMatchesAsync(int databaseId, MatchCriteria criteria, CancellationToken cancellationToken)
    {
        var (matchQuery, parameters) = MatchQuery(databaseId, criteria);
        return await sql.QueryAsync(
            SqlSession.Statement(matchQuery, parameters),
            async (reader, ct) =>
            {
                var found = new List<ProfileId>();
                while (await reader.ReadAsync(ct))
                {
                    found.Add(ProfileId.FromStorage(reader.GetString(0)));
                }

                return (IReadOnlyList<ProfileId>)found;
            },
            cancellationToken);
    }

    /// <summary>The ids of the profiles the criteria find, through indexes: the query and its parameters ($1 the database).</summary>
    private static (string Query, NpgsqlParameter[] Parameters) MatchQuery(int databaseId, MatchCriteria criteria)
    {
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<int> { TypedValue = databaseId } };
        string Parameter<T>(T value)
        {
            parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            return $"${parameters.Count}";
        }

        string EmailProfile() => string.Format(null, ByUniqueValue, Parameter(SystemFields.Email), Parameter(criteria.Email!.Key));
        string Subscription(Channel channel, string key) =>
            string.Format(null, BySubscription, Parameter(channel.ToString()), Parameter(key));
        string PhoneProfile() => string.Format(null, ByPhone, Parameter(criteria.Phone!));

        string[] queries = criteria.Mode switch
        {
            MatchingMode.Email => [EmailProfile(), Subscription(Channel.Email, criteria.Email!.Key)],
            MatchingMode.EmailProfile => [EmailProfile()],
            MatchingMode.EmailSubscription => [Subscription(Channel.Email, criteria.Email!.Key)],
            MatchingMode.Phone => [PhoneProfile(), Subscription(Channel.Sms, criteria.Phone!)],
            MatchingMode.PhoneSubscription => [Subscription(Channel.Sms, criteria.Phone!)],
            MatchingMode.EmailOrPhone => [.. EmailOrPhone(criteria, EmailProfile, PhoneProfile)],
            MatchingMode.Field => [FieldQuery(criteria.Field!, Parameter<string>)],
            MatchingMode.ProfileId => [string.Format(null, ById, Parameter(criteria.ProfileId!.Value.Value))],
            _ => throw new ArgumentOutOfRangeException(nameof(criteria), criteria.Mode, "unknown matching mode"),
        };

        return (string.Join(" UNION ", queries), [.. parameters]);
    }

    public Task<Profile?> FindAsync(int databaseId, ProfileId id, CancellationToken cancellationToken) =>
        sql.QueryAsync(
            SqlSession.Statement(
                Select,
                new NpgsqlParameter<int> { TypedValue = databaseId },
                new NpgsqlParameter<string> { TypedValue = id.Value }),
            async (reader, ct) => await reader.ReadAsync(ct) ? await ReadProfileAsync(reader, databaseId, ct) : null,
            cancellationToken);

    /// <summary>The profile at the reader's row, as <see cref="Columns"/> lists its columns.</summary>
    private static async Task<Profile> ReadProfileAsync(NpgsqlDataReader reader, int databaseId, CancellationToken cancellationToken) =>
        new(
            ProfileId.FromStorage(reader.GetString(0)),
            databaseId,
            await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
            reader.GetFieldValue<string[]>(2),
            JsonNode.Parse(reader.GetString(3))!.AsObject(),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetFieldValue<string[]>(6));

    private static async Task<IReadOnlyList<(UniqueValue Value, ProfileId Holder)>> ReadHoldersAsync(
        NpgsqlDataReader reader,
        CancellationToken cancellationToken)
    {
        var holders = new List<(UniqueValue, ProfileId)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add((new UniqueValue(reader.GetString(0), reader.GetString(1)), ProfileId.FromStorage(reader.GetString(2))));
        }

        return holders;
    }

    public Task AddAsync(Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken cancellationToken) =>
        WriteAsync(InsertProfile, profile, uniqueValues, releaseFirst: false);

    public Task UpdateAsync(Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken cancellationToken) =>
        WriteAsync(UpdateProfile, profile, uniqueValues, releaseFirst: true);

    /// <remarks>
    /// Deferred: written with the import's other writes, just before its commit. A unique value taken
    /// meanwhile (by a transaction that committed after this one's check) aborts the import with 435.
    /// </remarks>
    private Task WriteAsync(
        string write,
        Profile profile,
        IReadOnlyList<UniqueValue> uniqueValues,
        bool releaseFirst)
    {
        var fieldNames = uniqueValues.Select(v => v.Field).ToArray();
        sql.Defer(SqlSession.Statement(
            write,
            new NpgsqlParameter<string> { TypedValue = profile.Id.Value },
            new NpgsqlParameter<int> { TypedValue = profile.DatabaseId },
            new NpgsqlParameter { Value = (object?)profile.Email ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter<string[]> { TypedValue = [.. profile.Phones] },
            new NpgsqlParameter<string> { TypedValue = profile.Fields.ToJsonString() },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = profile.CreatedAt },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = profile.UpdatedAt },
            new NpgsqlParameter<string[]> { TypedValue = [.. profile.MatchKeys] }));
        if (uniqueValues.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (releaseFirst)
        {
            sql.Defer(SqlSession.Statement(
                ReleaseUniqueValues,
                new NpgsqlParameter<string> { TypedValue = profile.Id.Value },
                new NpgsqlParameter<int> { TypedValue = profile.DatabaseId },
                new NpgsqlParameter<string[]> { TypedValue = fieldNames }));
        }

        sql.Defer(
            SqlSession.Statement(
                ClaimUniqueValues,
                new NpgsqlParameter<string> { TypedValue = profile.Id.Value },
                new NpgsqlParameter<int> { TypedValue = profile.DatabaseId },
                new NpgsqlParameter<string[]> { TypedValue = fieldNames },
                new NpgsqlParameter<string[]> { TypedValue = [.. uniqueValues.Select(v => v.Key)] }),
            translateError: error => error.SqlState == UniqueValueTaken
                ? new UniquenessConflictException(
                    error.ColumnName!,
                    string.IsNullOrEmpty(error.Detail) ? null : ProfileId.FromStorage(error.Detail))
                : null);
        return Task.CompletedTask;
    }

    private static IEnumerable<string> EmailOrPhone(MatchCriteria criteria, Func<string> emailProfile, Func<string> phoneProfile)
    {
        if (criteria.Email is not null)
        {
            yield return emailProfile();
        }

        if (criteria.Phone is not null)
        {
            yield return phoneProfile();
        }
    }

    private static string FieldQuery(FieldMatch match, Func<string, string> parameter) =>
        match.Field == SystemFields.Email
            ? string.Format(null, ByUniqueValue, parameter(match.Field), parameter(match.Key))
            : string.Format(null, ByFieldKey, parameter(match.Token));
}
