using Npgsql;
using QuickImport.Domain.Matching;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>The ids of the profiles that match lookups, as one query answered by indexes; <c>$1</c> is the database.</summary>
internal static class ProfileMatchQuery
{
    /// <returns>The query and its parameters from <c>$2</c> on; null when there is nothing to look up.</returns>
    public static (string Sql, NpgsqlParameter[] Parameters)? For(IReadOnlyCollection<MatchLookup> lookups)
    {
        var parameters = new List<NpgsqlParameter>();
        string Array(IEnumerable<string> values)
        {
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. values] });
            return $"${parameters.Count + 1}::text[]";
        }

        var sources = new List<string>();
        var holders = lookups.OfType<MatchLookup.Holder>().ToList();
        if (holders.Count > 0)
        {
            sources.Add($"""
                SELECT v.profile_id FROM profile_unique_values v
                JOIN unnest({Array(holders.Select(l => l.Field))}, {Array(holders.Select(l => l.Key))}) AS u(field_name, value_key)
                  ON v.field_name = u.field_name AND v.value_key = u.value_key
                WHERE v.database_id = $1
                """);
        }

        var subscribers = lookups.OfType<MatchLookup.Subscriber>().ToList();
        if (subscribers.Count > 0)
        {
            sources.Add($"""
                SELECT s.profile_id FROM subscriptions s
                JOIN unnest({Array(subscribers.Select(l => l.Channel.ToString()))}, {Array(subscribers.Select(l => l.Key))}) AS u(channel, contact_key)
                  ON s.channel = u.channel AND s.contact_key = u.contact_key
                WHERE s.database_id = $1
                """);
        }

        var phones = lookups.OfType<MatchLookup.ProfilePhone>().Select(l => l.Phone).ToList();
        if (phones.Count > 0)
        {
            sources.Add($"SELECT id FROM profiles WHERE phones && {Array(phones)} AND database_id = $1");
        }

        var fields = lookups.OfType<MatchLookup.ProfileField>().Select(l => l.Token).ToList();
        if (fields.Count > 0)
        {
            sources.Add($"SELECT id FROM profiles WHERE match_keys && {Array(fields)} AND database_id = $1");
        }

        // Profile ids are char(24) and Npgsql sends strings as text: the parameter is cast, or
        // PostgreSQL casts the column instead and scans the table.
        var ids = lookups.OfType<MatchLookup.Profile>().Select(l => l.Id.Value).ToList();
        if (ids.Count > 0)
        {
            sources.Add($"SELECT id FROM profiles WHERE id = ANY({Array(ids)}::char(24)[]) AND database_id = $1");
        }

        return sources.Count == 0 ? null : (string.Join(" UNION ", sources), [.. parameters]);
    }
}
