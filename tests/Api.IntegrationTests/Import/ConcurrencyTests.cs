using System.Globalization;
using System.Net;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Domain.Fields;

namespace QuickImport.Api.IntegrationTests.Import;

/// <summary>
/// docs/api.md §1 under concurrency, through real HTTP: one new identifier makes one profile, uniqueness
/// holds, and the tariff limit is exact — never one profile over.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Parallel = 40;
    private const int Rounds = 3;

    [Test]
    public async Task Parallel_imports_of_one_new_email_make_one_profile()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var account = await TestData.CreateAccountAsync();
            string[] spellings = ["crowd@example.com", "CROWD@example.com", "Crowd@EXAMPLE.COM", " crowd@Example.com "];

            var answers = await InParallelAsync(i => ImportApi.ImportAsync(
                account, ("email", spellings[i % spellings.Length]), ("_fname", $"Name {i}")));

            var id = SingleProfileOf(answers, round);
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1), $"round {round}");
            var stored = await TestData.FindProfileAsync(id);
            Assert.That(stored!.Email, Is.EqualTo("crowd@example.com").IgnoreCase, $"round {round}");
        }
    }

    [Test]
    public async Task Parallel_imports_of_one_new_phone_make_one_profile()
    {
        var account = await TestData.CreateAccountAsync();
        string[] spellings = ["+79161234567", "8 916 123-45-67", "+7 (916) 123-45-67", "9161234567"];

        var answers = await InParallelAsync(i => ImportApi.ImportAsync(
            account, ("matching", "phone"), ("phone", spellings[i % spellings.Length]), ("_fname", $"Name {i}")));

        var id = SingleProfileOf(answers, round: 0);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That((await TestData.FindProfileAsync(id))!.Phones, Is.EqualTo(new[] { "+79161234567" }));
    }

    [Test]
    public async Task Parallel_imports_of_one_new_unique_field_value_make_one_profile()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);

        var answers = await InParallelAsync(i => ImportApi.ImportAsync(
            account, ("matching", "field_name"), ("field_name", "customer_id"), ("customer_id", "C-42"), ("_fname", $"Name {i}")));

        var id = SingleProfileOf(answers, round: 0);
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(1));
        Assert.That((await TestData.FindProfileAsync(id))!.Fields["customer_id"]!.GetValue<string>(), Is.EqualTo("C-42"));
    }

    [Test]
    public async Task Parallel_creates_stop_exactly_at_the_limit()
    {
        const int limit = 10;
        for (var round = 0; round < Rounds; round++)
        {
            var account = await TestData.CreateAccountAsync(profileLimit: limit);

            var answers = await InParallelAsync(i => ImportApi.ImportAsync(account, ("email", $"user{i}@example.com")));

            var created = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
            var refused = answers.Where(a => a.Status != HttpStatusCode.OK).ToList();
            var all = Describe(answers);
            Assert.That(created, Has.Count.EqualTo(limit), $"round {round}: {all}");
            Assert.That(created.Select(a => a.ToString()), Has.All.StartWith("200 Successfully added "), $"round {round}");
            Assert.That(
                refused.Select(a => a.ToString()),
                Has.All.EqualTo($"402 Tariff account limit reached: the account holds its limit of {limit} profiles"),
                $"round {round}: {all}");
            Assert.That(created.Select(a => a.ProfileId).Distinct().Count(), Is.EqualTo(limit), $"round {round}");
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(limit), $"round {round}");
            foreach (var answer in created)
            {
                Assert.That(await TestData.FindProfileAsync(answer.ProfileId), Is.Not.Null, $"round {round}: {answer}");
            }
        }
    }

    [Test]
    public async Task Parallel_updates_and_creates_that_fit_the_limit_all_succeed()
    {
        const int existing = Parallel / 2;
        var account = await TestData.CreateAccountAsync(profileLimit: Parallel);
        var seeded = await InParallelAsync(i => ImportApi.ImportAsync(account, ("email", $"old{i}@example.com")), existing);
        Assert.That(seeded.Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), Describe(seeded));

        var answers = await InParallelAsync(i => i % 2 == 0
            ? ImportApi.ImportAsync(account, ("email", $"old{i / 2}@example.com"), ("_fname", "Updated"))
            : ImportApi.ImportAsync(account, ("email", $"new{i / 2}@example.com")));

        Assert.That(answers.Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), Describe(answers));
        var updates = answers.Where((_, i) => i % 2 == 0).Select(a => a.ToString());
        Assert.That(updates, Is.EqualTo(seeded.Select(a => a.ToString())), "each update answers its own existing profile");
        Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(Parallel));
        var beyond = await ImportApi.ImportAsync(account, ("email", "one-more@example.com"));
        Assert.That(beyond.ToString(), Is.EqualTo($"402 Tariff account limit reached: the account holds its limit of {Parallel} profiles"));
    }

    [Test]
    public async Task Two_parallel_updates_to_one_unique_value_never_both_succeed()
    {
        var account = await TestData.CreateAccountAsync();
        for (var round = 0; round < 5; round++)
        {
            string[] phones = [$"+7916100{round:D2}01", $"+7916100{round:D2}02"];
            var owners = new string[2];
            for (var i = 0; i < 2; i++)
            {
                var owner = await ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", phones[i]));
                Assert.That(owner.Status, Is.EqualTo(HttpStatusCode.OK), owner.ToString());
                owners[i] = owner.ProfileId;
            }

            var email = $"shared{round}@example.com";
            var answers = await InParallelAsync(
                i => ImportApi.ImportAsync(account, ("matching", "phone"), ("phone", phones[i]), ("email", email)),
                count: 2);

            var winner = Array.FindIndex(answers, a => a.Status == HttpStatusCode.OK);
            Assert.That(winner, Is.Not.Negative, $"round {round}: {Describe(answers)}");
            var loser = 1 - winner;
            Assert.That(answers[winner].ToString(), Is.EqualTo($"200 Successfully added {owners[winner]}"), $"round {round}");
            Assert.That(
                answers[loser].ToString(),
                Is.EqualTo($"435 Unable to keep field unique: field 'email' already holds this value in profile {owners[winner]}"),
                $"round {round}");
            Assert.That((await TestData.FindProfileAsync(owners[winner]))!.Email, Is.EqualTo(email), $"round {round}");
            Assert.That((await TestData.FindProfileAsync(owners[loser]))!.Email, Is.Null, $"round {round}");
        }
    }

    [Test]
    public async Task Two_parallel_creates_with_one_unique_field_value_never_both_succeed()
    {
        var account = await TestData.CreateAccountAsync();
        await TestData.AddFieldAsync(account.DatabaseId, "customer_id", FieldType.String, unique: true);
        for (var round = 0; round < 5; round++)
        {
            var value = $"C-{round}";
            var answers = await InParallelAsync(
                i => ImportApi.ImportAsync(account, ("email", $"r{round}-{i}@example.com"), ("customer_id", value)),
                count: 2);

            var winner = Array.FindIndex(answers, a => a.Status == HttpStatusCode.OK);
            Assert.That(winner, Is.Not.Negative, $"round {round}: {Describe(answers)}");
            var holder = answers[winner].ProfileId;
            Assert.That(
                answers[1 - winner].ToString(),
                Is.EqualTo($"435 Unable to keep field unique: field 'customer_id' already holds this value in profile {holder}"),
                $"round {round}");
            var holders = await TestData.QueryAsync(
                "SELECT id FROM profiles WHERE database_id = $1 AND fields ->> 'customer_id' = $2",
                r => r.GetString(0),
                account.DatabaseId,
                value);
            Assert.That(holders, Is.EqualTo(new[] { holder }), $"round {round}");
            Assert.That(await TestData.CountProfilesAsync(account.DatabaseId), Is.EqualTo(round + 1), $"round {round}");
        }
    }

    /// <summary>Starts <paramref name="count"/> imports at once, each on its own HTTP client, and waits for all.</summary>
    private static async Task<ApiAnswer[]> InParallelAsync(Func<int, Task<ApiAnswer>> import, int count = Parallel)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var imports = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            return await import(i);
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(imports);
    }

    /// <summary>Asserts every answer is a 200 naming one and the same profile, and returns its id.</summary>
    private static string SingleProfileOf(ApiAnswer[] answers, int round)
    {
        Assert.That(answers.Select(a => a.Status), Has.All.EqualTo(HttpStatusCode.OK), $"round {round}: {Describe(answers)}");
        var id = answers[0].ProfileId;
        Assert.That(answers.Select(a => a.ToString()), Has.All.EqualTo($"200 Successfully added {id}"), $"round {round}: {Describe(answers)}");
        return id;
    }

    private static string Describe(IEnumerable<ApiAnswer> answers) =>
        string.Join(
            "; ",
            answers.GroupBy(a => a.ToString(), StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × {g.Key}")));
}
