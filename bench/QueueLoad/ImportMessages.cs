using System.Text.Json;

namespace QuickImport.Bench.QueueLoad;

/// <summary>
/// The messages of a run, <c>feedback_id</c> <c>&lt;prefix&gt;-&lt;n&gt;</c>: email matching with a resource
/// subscription; the odd ones create <c>&lt;prefix&gt;-&lt;n&gt;@bench.example</c>, the even ones, with
/// <c>--existing</c>, update a seeded profile (as bench/import-mix.lua's HTTP imports do).
/// </summary>
public sealed class ImportMessages(LoadOptions options)
{
    public static string FeedbackId(string prefix, int n) => $"{prefix}-{n}";

    public byte[] Body(int n)
    {
        var feedbackId = FeedbackId(options.Prefix, n);
        var email = options.Existing > 0 && n % 2 == 0
            ? $"seed-{Random.Shared.Next(1, options.Existing + 1)}@bench.example"
            : $"{feedbackId}@bench.example";
        var message = new Dictionary<string, object>
        {
            ["account_id"] = options.Account,
            ["db_id"] = options.Database,
            ["resource_id"] = options.Resource,
            ["matching"] = "email",
            ["data"] = new Dictionary<string, string> { ["email"] = email, ["_fname"] = $"Q{n}" },
            ["feedback_id"] = feedbackId,
        };
        if (options.Trigger > 0)
        {
            message["trigger_id"] = options.Trigger;
        }

        return JsonSerializer.SerializeToUtf8Bytes(message);
    }
}
