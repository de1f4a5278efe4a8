namespace QuickImport.Tools.LoadCheck;

/// <summary>
/// What must hold after a fault phase, where every import creates its own profile with a
/// subscription and a launch: each one is in the database whole, or not at all.
/// </summary>
internal static class FaultChecks
{
    private sealed record Stored(string Id, long Subscriptions, long Launches);

    public static async Task<List<Check>> RunAsync(string phase, Database database, LoadAccount account, IReadOnlyList<ImportAnswer> answers)
    {
        var stored = (await database.RowsAsync(
                """
                SELECT p.email, p.id,
                       (SELECT count(*) FROM subscriptions s WHERE s.profile_id = p.id),
                       (SELECT count(*) FROM automation_runs r WHERE r.profile_id = p.id)
                FROM profiles p WHERE p.database_id = $1
                """,
                r => (Email: r.GetString(0), Row: new Stored(r.GetString(1), r.GetInt64(2), r.GetInt64(3))),
                account.DatabaseId))
            .ToDictionary(s => "email:" + s.Email, s => s.Row, StringComparer.Ordinal);
        var checks = new List<Check>();

        var unexpected = answers.Where(a => a.Status is not (200 or 503)).ToList();
        checks.Add(new Check(phase, "only 200 and 503 answered", unexpected.Count == 0, ContentionChecks.Codes(unexpected)));

        var successes = answers.Where(a => a.Status == 200).ToList();
        var wholeSuccesses = successes.Count(a => stored.TryGetValue(a.Request.Identity, out var s) && s.Id == a.ProfileId && IsWhole(s));
        checks.Add(new Check(phase, "every 200 is stored whole (profile, subscription, one launch)", wholeSuccesses == successes.Count,
            $"{wholeSuccesses} of {successes.Count}"));

        var refused = answers.Where(a => a.Status == 503 && !a.MayHaveBeenWritten).ToList();
        var writtenAnyway = refused.Count(a => stored.ContainsKey(a.Request.Identity));
        checks.Add(new Check(phase, "every 503 wrote nothing", writtenAnyway == 0, $"{writtenAnyway} of {refused.Count} left a profile"));

        var unknown = answers.Where(a => a.MayHaveBeenWritten).ToList();
        var committed = unknown.Count(a => stored.ContainsKey(a.Request.Identity));
        var halfWritten = stored.Values.Count(s => !IsWhole(s));
        checks.Add(new Check(phase, "no import half-written", halfWritten == 0,
            $"{stored.Count} profiles, {halfWritten} without their subscription or launch; {unknown.Count} COMMITs of unknown outcome, {committed} of them written"));
        return checks;
    }

    private static bool IsWhole(Stored stored) => stored.Subscriptions == 1 && stored.Launches == 1;
}
