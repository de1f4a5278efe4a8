using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Api.IntegrationTests.Persistence;

/// <summary>The matching query, composed once for each combination of kinds of lookup.</summary>
public sealed class ProfileMatchQueryTests
{
    private static readonly MatchLookup[] OneOfEachKind =
    [
        new MatchLookup.Holder("_email", "someone@example.com"),
        new MatchLookup.Subscriber(Channel.Email, "someone@example.com"),
        new MatchLookup.ProfilePhone("+79001234567"),
        new MatchLookup.ProfileField("customer_id", "42"),
        new MatchLookup.Profile(ProfileId.FromStorage("0123456789abcdef01234567")),
    ];

    private static IEnumerable<int> Combinations => Enumerable.Range(1, (1 << OneOfEachKind.Length) - 1);

    [TestCaseSource(nameof(Combinations))]
    public async Task Every_combination_runs_on_PostgreSQL_with_its_parameters_in_their_places(int combination)
    {
        var lookups = OneOfEachKind.Where((_, kind) => (combination & (1 << kind)) != 0).ToList();

        var (sql, parameters) = ProfileMatchQuery.For(lookups)!.Value;
        var found = await TestData.QueryAsync(sql, r => r.GetString(0), [int.MaxValue, .. parameters.Select(p => p.Value!)]);

        Assert.That(found, Is.Empty, "no profile in a database that does not exist");
    }

    [Test]
    public void A_combination_is_composed_once_and_its_text_reused()
    {
        var first = ProfileMatchQuery.For([new MatchLookup.Holder("_email", "a@example.com")])!.Value;
        var second = ProfileMatchQuery.For([new MatchLookup.Holder("_email", "b@example.com"), new MatchLookup.Holder("_email", "c@example.com")])!.Value;

        Assert.Multiple(() =>
        {
            Assert.That(second.Sql, Is.SameAs(first.Sql));
            Assert.That(((string[])second.Parameters[1].Value!), Is.EqualTo(new[] { "b@example.com", "c@example.com" }));
        });
    }

    [Test]
    public void No_lookup_is_no_query() => Assert.That(ProfileMatchQuery.For([]), Is.Null);
}
