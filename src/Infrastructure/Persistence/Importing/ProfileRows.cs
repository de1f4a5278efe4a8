using System.Text.Json.Nodes;
using Npgsql;
using QuickImport.Domain.Profiles;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>Profiles as rows of the <c>profiles</c> table: read one, write many in one statement.</summary>
internal static class ProfileRows
{
    public const string Columns = "id, email, phones, fields, created_at, updated_at, match_keys";

    // A row's phones and match keys are arrays of different lengths, which one SQL array cannot hold:
    // each goes as a jsonb array, as its fields go as a jsonb object, all three in UTF-8 (JsonbValues).
    private const string Rows = """
        unnest($1::text[], $2::int[], $3::text[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[], $8::jsonb[])
            AS r(id, database_id, email, phones, fields, created_at, updated_at, match_keys)
        """;

    private const string Insert = $"""
        INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys)
        SELECT r.id, r.database_id, r.email, {PhonesOf}, r.fields, r.created_at, r.updated_at, {MatchKeysOf}
        FROM {Rows}
        """;

    private const string Update = $"""
        UPDATE profiles p
        SET email = r.email, phones = {PhonesOf}, fields = r.fields, updated_at = r.updated_at, match_keys = {MatchKeysOf}
        FROM {Rows}
        WHERE p.id = r.id::char(24) AND p.database_id = r.database_id
        """;

    private const string PhonesOf = "ARRAY(SELECT jsonb_array_elements_text(r.phones))";

    private const string MatchKeysOf = "ARRAY(SELECT jsonb_array_elements_text(r.match_keys))";

    public static NpgsqlBatchCommand InsertStatement(IReadOnlyList<Profile> profiles) => SqlSession.Statement(Insert, Parameters(profiles));

    public static NpgsqlBatchCommand UpdateStatement(IReadOnlyList<Profile> profiles) => SqlSession.Statement(Update, Parameters(profiles));

    /// <summary>The profile at the reader's row, as <see cref="Columns"/> lists its columns.</summary>
    public static async Task<Profile> ReadAsync(NpgsqlDataReader reader, int databaseId, CancellationToken cancellationToken) =>
        new(
            ProfileId.FromStorage(reader.GetString(0)),
            databaseId,
            await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
            reader.GetFieldValue<string[]>(2),
            reader.GetFieldValue<JsonObject>(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetFieldValue<string[]>(6));

    private static NpgsqlParameter[] Parameters(IReadOnlyList<Profile> profiles)
    {
        var count = profiles.Count;
        var ids = new string[count];
        var databaseIds = new int[count];
        var emails = new string?[count];
        var phones = new byte[count][];
        var fields = new byte[count][];
        var createdAt = new DateTimeOffset[count];
        var updatedAt = new DateTimeOffset[count];
        var matchKeys = new byte[count][];
        using var json = new JsonbValues();
        for (var i = 0; i < count; i++)
        {
            var profile = profiles[i];
            ids[i] = profile.Id.Value;
            databaseIds[i] = profile.DatabaseId;
            emails[i] = profile.Email;
            phones[i] = json.Of(profile.Phones);
            fields[i] = json.Of(profile.Fields);
            createdAt[i] = profile.CreatedAt;
            updatedAt[i] = profile.UpdatedAt;
            matchKeys[i] = json.Of(profile.MatchKeys);
        }

        return
        [
            new NpgsqlParameter<string[]> { TypedValue = ids },
            new NpgsqlParameter<int[]> { TypedValue = databaseIds },
            new NpgsqlParameter<string?[]> { TypedValue = emails },
            Jsonb(phones),
            Jsonb(fields),
            new NpgsqlParameter<DateTimeOffset[]> { TypedValue = createdAt },
            new NpgsqlParameter<DateTimeOffset[]> { TypedValue = updatedAt },
            Jsonb(matchKeys),
        ];
    }

    private static NpgsqlParameter<byte[][]> Jsonb(byte[][] values) => new() { TypedValue = values, DataTypeName = "jsonb[]" };
}
