using System.Diagnostics;

namespace QuickImport.Tools.LoadCheck;

/// <summary>Thousands of overlapping imports, fired in waves of the concurrency's size, at an account with a limit.</summary>
internal static class ContentionPhase
{
    public static async Task<PhaseResult> RunAsync(HttpClient http, ImportClient client, Database database, LoadCheckOptions options)
    {
        // The identities do not depend on the account: count them on a plan for none. The limit is
        // half the profiles the waves could create, so the second half of the run meets it.
        var unplaced = new LoadAccount(0, string.Empty, 0, 0, 0, 0, null);
        var limit = ImportPlans.NewIdentities(ImportPlans.ContentionWaves(unplaced, options.Requests, options.Concurrency)) / 2;
        var account = await LoadAccount.CreateAsync(http, options.AdminKey, $"loadcheck-contention-{Guid.NewGuid():N}", limit);
        var waves = ImportPlans.ContentionWaves(account, options.Requests, options.Concurrency);

        var answers = new List<ImportAnswer>(options.Requests);
        var clock = Stopwatch.StartNew();
        foreach (var wave in waves)
        {
            if (clock.Elapsed > options.PhaseLimit)
            {
                break;
            }

            answers.AddRange(await Task.WhenAll(wave.Select(r => client.SendAsync(r, clock))));
        }

        var duration = clock.Elapsed;
        var events = new List<string>
        {
            $"{answers.Count} imports in {answers.Count / options.Concurrency} waves of {options.Concurrency}, account limit {account.ProfileLimit}",
        };
        events.AddRange(answers.GroupBy(a => a.Request.Kind).Select(g =>
            $"  {g.Key,-20} {g.Count(),5} sent: {string.Join(", ", g.GroupBy(a => a.Status).OrderBy(s => s.Key).Select(s => $"{s.Count()}× {s.Key}"))}"));
        return new PhaseResult(ContentionChecks.Phase, answers, duration, events, await ContentionChecks.RunAsync(database, account, answers));
    }
}
