using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using QuickImport.Domain.Profiles;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>Profiles as rows of the <c>profiles</c> table: read one, write many in one statement.</summary>
internal static class ProfileRows
{
    public const string Columns = "id, email, phones, fields::text, created_at, updated_at, match_keys";

    // A row's phones and match keys are arrays of different lengths, which one SQL array cannot hold:
    // each goes as the JSON text of its array.
    private const string Rows = """
        unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
            AS r(id, database_id, email, phones, fields, created_at, updated_at, match_keys)
        """;

    private const string Insert = $"""
        INSERT INTO profiles (id, database_id, email, phones, fields, created_at, updated_at, match_keys)
        SELECT r.id, r.database_id, r.email, {PhonesOf}, r.fields::jsonb, r.created_at, r.updated_at, {MatchKeysOf}
        FROM {Rows}
        """;

    private const string Update = $"""
        UPDATE profiles p
        SET email = r.email, phones = {PhonesOf}, fields = r.fields::jsonb, updated_at = r.updated_at, match_keys = {MatchKeysOf}
        FROM {Rows}
        WHERE p.id = r.id::char(24) AND p.database_id = r.database_id
        """;

    private const string PhonesOf = "ARRAY(SELECT jsonb_array_elements_text(r.phones::jsonb))";

    private const string MatchKeysOf = "ARRAY(SELECT jsonb_array_elements_text(r.match_keys::jsonb))";

    public static NpgsqlBatchCommand InsertStatement(IReadOnlyList<Profile> profiles) => SqlSession.Statement(Insert, Parameters(profiles));

    public static NpgsqlBatchCommand UpdateStatement(IReadOnlyList<Profile> profiles) => SqlSession.Statement(Update, Parameters(profiles));

    /// <summary>The profile at the reader's row, as <see cref="Columns"/> lists its columns.</summary>
    public static async Task<Profile> ReadAsync(NpgsqlDataReader reader, int databaseId, CancellationToken cancellationToken) =>
        new(
            ProfileId.FromStorage(reader.GetString(0)),
            databaseId,
            await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1),
            reader.GetFieldValue<string[]>(2),
            JsonNode.Parse(reader.GetString(3))!.AsObject(),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetFieldValue<string[]>(6));

    private static NpgsqlParameter[] Parameters(IReadOnlyList<Profile> profiles) =>
    [
        new NpgsqlParameter<string[]> { TypedValue = [.. profiles.Select(p => p.Id.Value)] },
        new NpgsqlParameter<int[]> { TypedValue = [.. profiles.Select(p => p.DatabaseId)] },
        new NpgsqlParameter<string?[]> { TypedValue = [.. profiles.Select(p => p.Email)] },
        new NpgsqlParameter<string[]> { TypedValue = [.. profiles.Select(p => JsonSerializer.Serialize(p.Phones))] },
        new NpgsqlParameter<string[]> { TypedValue = [.. profiles.Select(p => p.Fields.ToJsonString())] },
        new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. profiles.Select(p => p.CreatedAt)] },
        new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. profiles.Select(p => p.UpdatedAt)] },
        new NpgsqlParameter<string[]> { TypedValue = [.. profiles.Select(p => JsonSerializer.Serialize(p.MatchKeys))] },
    ];
}
