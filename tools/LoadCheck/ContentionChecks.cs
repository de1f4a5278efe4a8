namespace QuickImport.Tools.LoadCheck;

/// <summary>What must hold after thousands of overlapping imports, read from the database.</summary>
internal static class ContentionChecks
{
    public const string Phase = "contention";

    public static async Task<List<Check>> RunAsync(Database database, LoadAccount account, IReadOnlyList<ImportAnswer> answers)
    {
        var db = account.DatabaseId;
        var succeeded = answers.Where(a => a.ProfileId is not null).ToList();
        var ids = succeeded.Select(a => a.ProfileId!).Distinct(StringComparer.Ordinal).ToArray();
        var checks = new List<Check>();

        var unexpected = answers.Where(a => a.Status is not (200 or 402)).ToList();
        checks.Add(new Check(Phase, "only 200 and 402 answered", unexpected.Count == 0, Codes(unexpected)));

        var emails = await database.ScalarAsync(
            "SELECT count(*) FROM (SELECT lower(email) FROM profiles WHERE database_id = $1 AND email IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d", db);
        var phones = await database.ScalarAsync(
            "SELECT count(*) FROM (SELECT phone FROM profiles, unnest(phones) AS phone WHERE database_id = $1 GROUP BY 1 HAVING count(*) > 1) d", db);
        var keys = await database.ScalarAsync(
            $"SELECT count(*) FROM (SELECT fields->>'{LoadAccount.KeyField}' FROM profiles WHERE database_id = $1 AND fields ? '{LoadAccount.KeyField}' GROUP BY 1 HAVING count(*) > 1) d", db);
        checks.Add(new Check(Phase, "no duplicate profile per email, phone or crm_id", emails + phones + keys == 0,
            $"{emails} emails, {phones} phones, {keys} crm_ids held by more than one profile"));

        var split = succeeded.GroupBy(a => a.Request.Identity, StringComparer.Ordinal)
            .Count(g => g.Select(a => a.ProfileId).Distinct(StringComparer.Ordinal).Count() > 1);
        checks.Add(new Check(Phase, "every identity answered with one profile id", split == 0,
            $"{succeeded.Select(a => a.Request.Identity).Distinct(StringComparer.Ordinal).Count()} identities answered 200, {split} with two ids or more"));

        var existing = await database.ScalarAsync("SELECT count(*) FROM profiles WHERE id = ANY($1)", (object)ids);
        checks.Add(new Check(Phase, "every 200's profile id exists", existing == ids.Length, $"{existing} of {ids.Length} ids answered are stored"));

        var profiles = await database.ScalarAsync("SELECT count(*) FROM profiles WHERE database_id = $1", db);
        var room = await database.ScalarAsync("SELECT coalesce(sum(remaining), 0) FROM tariff_stripes WHERE account_id = $1", account.AccountId);
        var limit = account.ProfileLimit ?? int.MaxValue;
        var refusals = answers.Count(a => a.Status == 402);
        checks.Add(new Check(Phase, "never over the account's limit", profiles <= limit && profiles + room == limit,
            $"{profiles} profiles, limit {limit}, {room} room left in the ledger, {refusals} answered 402"));

        var orphans = await database.ScalarAsync("""
            SELECT (SELECT count(*) FROM subscriptions s WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = s.profile_id))
                 + (SELECT count(*) FROM automation_runs r WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.profile_id))
            """);
        checks.Add(new Check(Phase, "no subscription, launch or enrollment without its profile", orphans == 0, $"{orphans} orphan rows"));

        var launches = await database.ScalarAsync("SELECT count(*) FROM automation_runs WHERE automation_id = $1", account.TriggerId);
        var enrollments = await database.ScalarAsync("SELECT count(*) FROM automation_runs WHERE automation_id = $1", account.WorkflowId);
        var launched = succeeded.Count(a => a.Request.LaunchesTrigger);
        var enrolled = succeeded.Count(a => a.Request.EnrollsWorkflow);
        checks.Add(new Check(Phase, "one launch / enrollment per successful import asking for it",
            launches == launched && enrollments == enrolled,
            $"{launches} launches for {launched} such 200s, {enrollments} enrollments for {enrolled}"));

        var subscribing = succeeded.Where(a => a.Request.Subscribes).Select(a => a.ProfileId!).Distinct(StringComparer.Ordinal).ToArray();
        var subscribed = await database.ScalarAsync(
            "SELECT count(DISTINCT profile_id) FROM subscriptions WHERE resource_id = $1 AND profile_id = ANY($2)", account.ResourceId, subscribing);
        checks.Add(new Check(Phase, "every subscribing 200's profile is subscribed", subscribed == subscribing.Length,
            $"{subscribed} of {subscribing.Length} profiles"));
        return checks;
    }

    public static string Codes(IEnumerable<ImportAnswer> answers)
    {
        var text = string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()}× {g.Key}"));
        return text.Length == 0 ? "none other" : text + ": " + answers.First().Body;
    }
}
