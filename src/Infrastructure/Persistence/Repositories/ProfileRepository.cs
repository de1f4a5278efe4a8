using Npgsql;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Infrastructure.Persistence.Importing;

namespace QuickImport.Infrastructure.Persistence.Repositories;

/// <summary>The read API's reads of profiles, in SQL, each answered by an index.</summary>
internal sealed class ProfileRepository(SqlSession sql) : IProfileRepository
{
    private const string Select = $"SELECT {ProfileRows.Columns} FROM profiles WHERE id = $2::char(24) AND database_id = $1";

    public async Task<IReadOnlyList<ProfileId>> FindMatchesAsync(int databaseId, MatchCriteria criteria, CancellationToken cancellationToken)
    {
        if (ProfileMatchQuery.For([.. criteria.Lookups]) is not { } matches)
        {
            return [];
        }

        return await sql.QueryAsync(
            SqlSession.Statement(matches.Sql, [new NpgsqlParameter<int> { TypedValue = databaseId }, .. matches.Parameters]),
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

    public Task<Profile?> FindAsync(int databaseId, ProfileId id, CancellationToken cancellationToken) =>
        sql.QueryAsync(
            SqlSession.Statement(
                Select,
                new NpgsqlParameter<int> { TypedValue = databaseId },
                new NpgsqlParameter<string> { TypedValue = id.Value }),
            async (reader, ct) => await reader.ReadAsync(ct) ? await ProfileRows.ReadAsync(reader, databaseId, ct) : null,
            cancellationToken);
}
