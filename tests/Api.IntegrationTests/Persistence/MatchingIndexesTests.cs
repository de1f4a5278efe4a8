using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Persistence;

/// <summary>The indexes that serve matching, as the migrations leave them (docs/api.md §1: matching is served by an index).</summary>
public sealed class MatchingIndexesTests
{
    [TestCase("ix_profiles_match_keys")]
    [TestCase("ix_profiles_phones")]
    public async Task The_GIN_indexes_of_matching_keep_no_pending_list(string index)
    {
        // With a pending list, every match by phone or field scans all recent inserts: under an import
        // load that made custom-field matching two to three times slower (docs/benchmarks.md).
        var definition = await TestData.QueryAsync(
            "SELECT am.amname, c.reloptions FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = $1",
            r => (Method: r.GetString(0), Options: r.IsDBNull(1) ? [] : r.GetFieldValue<string[]>(1)),
            index);

        Assert.That(definition, Has.Count.EqualTo(1), $"index {index} exists");
        Assert.That(definition[0].Method, Is.EqualTo("gin"));
        Assert.That(definition[0].Options, Does.Contain("fastupdate=false").Or.Contain("fastupdate=off"));
    }

    [Test]
    public async Task No_index_of_profiles_leads_with_the_database()
    {
        // The import's statements run with generic plans (ConnectionPools), which know no database's
        // size: given such an index, PostgreSQL intersects the matching index with it, reading every
        // profile of the database on each import — 5 ms at 300,000 profiles instead of 0.04 (ADR 32).
        var leading = await TestData.QueryAsync(
            """
            SELECT i.relname FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
            WHERE x.indrelid = 'profiles'::regclass AND a.attname = 'database_id'
            """,
            r => r.GetString(0));

        Assert.That(leading, Is.Empty);
    }
}
