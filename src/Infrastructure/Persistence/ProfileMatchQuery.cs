using Npgsql;
using QuickImport.Domain.Matching;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>The ids of the profiles that match lookups, as one query answered by indexes; <c>$1</c> is the database.</summary>
/// <remarks>
/// The query's text depends only on which kinds of lookup there are, not on how many: it is composed
/// once for each combination and reused, and each import makes only its parameters.
/// </remarks>
internal static class ProfileMatchQuery
{
    /// <summary>The kinds of lookup a query unites, each one source of ids, in this order.</summary>
    [Flags]
    public enum Sources
    {
        Holders = 1,
        Subscribers = 2,
        Phones = 4,
        Fields = 8,
        Ids = 16,
    }

    private const int Combinations = 32;

    // Made on first use; two threads making one at once make the same text.
    private static readonly string?[] Queries = new string?[Combinations];

    /// <returns>The query and its parameters from <c>$2</c> on; null when there is nothing to look up.</returns>
    public static (string Sql, NpgsqlParameter[] Parameters)? For(IReadOnlyCollection<MatchLookup> lookups) =>
        Of(lookups) is { } query ? (SqlOf(query.Sources), query.Parameters) : null;

    /// <returns>The kinds of lookup and the parameters from <c>$2</c> on; null when there is nothing to look up.</returns>
    public static (Sources Sources, NpgsqlParameter[] Parameters)? Of(IReadOnlyCollection<MatchLookup> lookups)
    {
        List<string> holderFields = [], holderKeys = [], channels = [], contactKeys = [], phones = [], tokens = [], ids = [];
        foreach (var lookup in lookups)
        {
            switch (lookup)
            {
                case MatchLookup.Holder holder:
                    holderFields.Add(holder.Field);
                    holderKeys.Add(holder.Key);
                    break;
                case MatchLookup.Subscriber subscriber:
                    channels.Add(subscriber.Channel.ToString());
                    contactKeys.Add(subscriber.Key);
                    break;
                case MatchLookup.ProfilePhone phone:
                    phones.Add(phone.Phone);
                    break;
                case MatchLookup.ProfileField field:
                    tokens.Add(field.Token);
                    break;
                case MatchLookup.Profile profile:
                    ids.Add(profile.Id.Value);
                    break;
            }
        }

        Sources sources = 0;
        var parameters = new List<NpgsqlParameter>();
        void Add(Sources source, params List<string>[] arrays)
        {
            if (arrays[0].Count == 0)
            {
                return;
            }

            sources |= source;
            foreach (var array in arrays)
            {
                parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. array] });
            }
        }

        Add(Sources.Holders, holderFields, holderKeys);
        Add(Sources.Subscribers, channels, contactKeys);
        Add(Sources.Phones, phones);
        Add(Sources.Fields, tokens);
        Add(Sources.Ids, ids);
        return sources == 0 ? null : (sources, [.. parameters]);
    }

    /// <summary>The query uniting <paramref name="sources"/>, its parameters numbered as <see cref="Of"/> makes them.</summary>
    public static string SqlOf(Sources sources) => Queries[(int)sources] ??= Compose(sources);

    private static string Compose(Sources sources)
    {
        var next = 1;
        string Array() => $"${++next}::text[]";

        var queries = new List<string>();
        if (sources.HasFlag(Sources.Holders))
        {
            queries.Add($"""
                SELECT v.profile_id FROM profile_unique_values v
                JOIN unnest({Array()}, {Array()}) AS u(field_name, value_key)
                  ON v.field_name = u.field_name AND v.value_key = u.value_key
                WHERE v.database_id = $1
                """);
        }

        if (sources.HasFlag(Sources.Subscribers))
        {
            queries.Add($"""
                SELECT s.profile_id FROM subscriptions s
                JOIN unnest({Array()}, {Array()}) AS u(channel, contact_key)
                  ON s.channel = u.channel AND s.contact_key = u.contact_key
                WHERE s.database_id = $1
                """);
        }

        if (sources.HasFlag(Sources.Phones))
        {
            queries.Add($"SELECT id FROM profiles WHERE phones && {Array()} AND database_id = $1");
        }

        if (sources.HasFlag(Sources.Fields))
        {
            queries.Add($"SELECT id FROM profiles WHERE match_keys && {Array()} AND database_id = $1");
        }

        // Profile ids are char(24) and Npgsql sends strings as text: the parameter is cast, or
        // PostgreSQL casts the column instead and scans the table.
        if (sources.HasFlag(Sources.Ids))
        {
            queries.Add($"SELECT id FROM profiles WHERE id = ANY({Array()}::char(24)[]) AND database_id = $1");
        }

        return string.Join(" UNION ", queries);
    }
}
