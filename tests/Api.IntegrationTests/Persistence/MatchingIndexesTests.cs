using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Persistence;

/// <summary>The indexes that serve matching, as the migrations leave them (SPEC §1: matching is served by an index).</summary>
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
}
