using Npgsql;
using QuickImport.Domain.Matching;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>
/// The SQL of an import, each statement set-based over all its items (arrays sent as parameters and
/// unnested), each answered by an index. <c>$1</c> is always the database.
/// </summary>
internal static class ImportStatements
{
    /// <summary>The SQLSTATE of <c>quickimport_unique_value_taken</c> (the function raising it is in the initial migration).</summary>
    public const string UniqueValueTaken = "QI435";

    public const string SelectSubscribers = """
        SELECT s.channel, s.contact_key, s.profile_id
        FROM subscriptions s
        JOIN unnest($2::text[], $3::text[]) AS u(channel, contact_key)
          ON s.channel = u.channel AND s.contact_key = u.contact_key
        WHERE s.database_id = $1
        """;

    public const string SelectHolders = """
        SELECT v.field_name, v.value_key, v.profile_id
        FROM profile_unique_values v
        JOIN unnest($2::text[], $3::text[]) AS u(field_name, value_key)
          ON v.field_name = u.field_name AND v.value_key = u.value_key
        WHERE v.database_id = $1
        """;

    public const string ReleaseUniqueValues = """
        DELETE FROM profile_unique_values v
        USING unnest($2::text[], $3::text[]) AS r(profile_id, field_name)
        WHERE v.database_id = $1 AND v.profile_id = r.profile_id::char(24) AND v.field_name = r.field_name
        """;

    // DO NOTHING finds the values a concurrent import took since the search without a unique
    // violation's bare error; quickimport_unique_value_taken (SQLSTATE QI435) then stops the COMMIT
    // this statement travels with, and the import runs again, seeing the value's holder. Claimed in
    // key order, so two imports claiming the same values wait for each other in one order.
    public const string ClaimUniqueValues = """
        WITH wanted AS (
            SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS u(profile_id, field_name, value_key)
            ORDER BY field_name, value_key),
        claimed AS (
            INSERT INTO profile_unique_values (database_id, field_name, value_key, profile_id)
            SELECT $1, w.field_name, w.value_key, w.profile_id FROM wanted w
            ON CONFLICT (database_id, field_name, value_key) DO NOTHING
            RETURNING field_name, value_key)
        SELECT quickimport_unique_value_taken(w.field_name, h.profile_id)
        FROM wanted w
        LEFT JOIN profile_unique_values h ON h.database_id = $1 AND h.field_name = w.field_name AND h.value_key = w.value_key
        WHERE (w.field_name, w.value_key) NOT IN (SELECT field_name, value_key FROM claimed)
        """;

    // ON CONFLICT DO NOTHING: an existing subscription keeps its status, so an import never turns
    // an unsubscribed, complained, bounced or suspended contact back into a subscribed one.
    public const string InsertSubscriptions = """
        INSERT INTO subscriptions (database_id, profile_id, resource_id, channel, contact, contact_key, status, created_at, updated_at)
        SELECT $1, r.profile_id, r.resource_id, r.channel, r.contact, r.contact_key, r.status, $2, $2
        FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS r(profile_id, resource_id, channel, contact, contact_key, status)
        ON CONFLICT (profile_id, resource_id, channel, contact_key) DO NOTHING
        """;

    // Only an item's explicit "unsubscribed" changes a stored subscription, and only one still being sent to.
    public const string Unsubscribe = """
        UPDATE subscriptions s SET status = 'Unsubscribed', updated_at = $2
        FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS r(profile_id, resource_id, channel, contact, contact_key, status)
        WHERE s.profile_id = r.profile_id::char(24) AND s.resource_id = r.resource_id AND s.channel = r.channel
          AND s.contact_key = r.contact_key AND s.status IN ('Subscribed', 'Unconfirmed')
        """;

    public const string InsertEnrollments = """
        INSERT INTO automation_runs (automation_id, profile_id, status, created_at)
        SELECT r.automation_id, r.profile_id, 'pending', $1
        FROM unnest($2::int[], $3::text[]) AS r(automation_id, profile_id)
        """;

    /// <summary>
    /// The profiles the lookups find, read whole and locked in id order (two imports that match the
    /// same profiles never wait for each other in a circle); null when there is nothing to look up.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters)? SelectMatches(IReadOnlyCollection<MatchLookup> lookups) =>
        LockedMatches(lookups, ProfileRows.Columns, Matches);

    /// <summary>
    /// The profiles the lookups find, locked in id order and not read: the locks of an import that
    /// searches in chunks, taken before its first chunk's search; null when there is nothing to look up.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters)? LockMatches(IReadOnlyCollection<MatchLookup> lookups) =>
        LockedMatches(lookups, "id", Locks);

    // SelectMatches' and LockMatches' text for each combination of lookups, made on first use (ProfileMatchQuery's remarks).
    private static readonly string?[] Matches = new string?[32];

    private static readonly string?[] Locks = new string?[32];

    private static (string Sql, NpgsqlParameter[] Parameters)? LockedMatches(IReadOnlyCollection<MatchLookup> lookups, string columns, string?[] texts) =>
        ProfileMatchQuery.Of(lookups) is { } ids
            ? (texts[(int)ids.Sources] ??= $"SELECT {columns} FROM profiles WHERE database_id = $1 AND id IN ({ProfileMatchQuery.SqlOf(ids.Sources)}) ORDER BY id FOR UPDATE", ids.Parameters)
            : null;
}
