using System.Globalization;

namespace QuickImport.Tools.LoadCheck;

/// <summary>The imports each phase sends.</summary>
internal static class ImportPlans
{
    public const string SameEmail = "same new email";
    public const string SamePhone = "same new phone";
    public const string SameKey = "same new crm_id";
    public const string Update = "update by email";
    public const string Distinct = "distinct new email";
    public const string Fresh = "fresh email";

    /// <summary>Each of the four racing kinds gets a sixth of a wave's slots (5 of 32); the rest are distinct new profiles.</summary>
    private const int SlotsPerCopy = 6;

    /// <summary>
    /// Waves of imports fired all at once: in each, several copies of the same new email, the same
    /// new phone (matching=phone) and the same new crm_id (matching=field_name) race to create one
    /// profile each, copies update the previous wave's email, and the rest create distinct profiles
    /// until the account's limit stops them.
    /// </summary>
    public static List<ImportRequest[]> ContentionWaves(LoadAccount account, int requests, int waveSize)
    {
        var copies = Math.Max(1, waveSize / SlotsPerCopy);
        var waves = new List<ImportRequest[]>();
        for (var wave = 0; waves.Count * waveSize < requests; wave++)
        {
            var w = wave.ToString(CultureInfo.InvariantCulture);
            var batch = new List<ImportRequest>(waveSize);
            for (var i = 0; i < copies; i++)
            {
                batch.Add(Import(account, SameEmail, $"email:hot-{w}@loadcheck.example", subscribes: true, trigger: true, workflow: false,
                    ("email", $"hot-{w}@loadcheck.example"), ("_fname", $"Copy{i}")));
                batch.Add(Import(account, SamePhone, $"phone:{Phone(wave)}", subscribes: true, trigger: false, workflow: true,
                    ("matching", "phone"), ("phone", Phone(wave)), ("_fname", $"Copy{i}")));
                batch.Add(Import(account, SameKey, $"{LoadAccount.KeyField}:crm-{w}", subscribes: false, trigger: true, workflow: true,
                    ("matching", "field_name"), ("field_name", LoadAccount.KeyField), (LoadAccount.KeyField, $"crm-{w}"), ("_lname", $"Copy{i}")));
                var previous = Math.Max(0, wave - 1).ToString(CultureInfo.InvariantCulture);
                batch.Add(Import(account, Update, $"email:hot-{previous}@loadcheck.example", subscribes: false, trigger: false, workflow: false,
                    ("email", $"hot-{previous}@loadcheck.example"), ("_lname", $"Wave{w}-{i}")));
            }

            for (var i = 0; batch.Count < waveSize; i++)
            {
                var email = $"distinct-{w}-{i}@loadcheck.example";
                batch.Add(Import(account, Distinct, $"email:{email}", subscribes: true, trigger: false, workflow: false, ("email", email)));
            }

            waves.Add([.. batch]);
        }

        return waves;
    }

    /// <summary>The profiles the contention waves may create: one per new identity.</summary>
    public static int NewIdentities(IEnumerable<ImportRequest[]> waves) =>
        waves.SelectMany(w => w).Where(r => r.Kind != Update).Select(r => r.Identity).Distinct(StringComparer.Ordinal).Count();

    /// <summary>A new profile with a subscription and a trigger launch: what a fault must never leave half-written.</summary>
    public static ImportRequest FreshImport(LoadAccount account, string phase, int number)
    {
        var email = $"{phase}-{number.ToString(CultureInfo.InvariantCulture)}@loadcheck.example";
        return Import(account, Fresh, $"email:{email}", subscribes: true, trigger: true, workflow: false, ("email", email), ("_fname", "Fault"));
    }

    private static string Phone(int wave) => "+7916" + (1_000_000 + wave).ToString(CultureInfo.InvariantCulture);

    private static ImportRequest Import(
        LoadAccount account,
        string kind,
        string identity,
        bool subscribes,
        bool trigger,
        bool workflow,
        params (string Name, string Value)[] fields)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("token", account.Token),
            new("db_id", account.DatabaseId.ToString(CultureInfo.InvariantCulture)),
        };
        if (subscribes)
        {
            parameters.Add(new("resource_id", account.ResourceId.ToString(CultureInfo.InvariantCulture)));
        }

        if (trigger)
        {
            parameters.Add(new("trigger_id", account.TriggerId.ToString(CultureInfo.InvariantCulture)));
        }

        if (workflow)
        {
            parameters.Add(new("workflow_id", account.WorkflowId.ToString(CultureInfo.InvariantCulture)));
        }

        parameters.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return new ImportRequest(kind, identity, parameters, subscribes, trigger, workflow);
    }
}
