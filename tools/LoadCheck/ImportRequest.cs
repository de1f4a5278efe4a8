namespace QuickImport.Tools.LoadCheck;

/// <summary>One import the checker sends, with what it expects a success of it to leave in the database.</summary>
/// <param name="Kind">The row of the result table it counts in.</param>
/// <param name="Identity">The identity it finds or creates the profile by (<c>email:…</c>, <c>phone:…</c>, <c>crm_id:…</c>).</param>
/// <param name="Subscribes">It sends <c>resource_id</c>: a success leaves a subscription.</param>
/// <param name="LaunchesTrigger">It sends <c>trigger_id</c>: a success leaves one launch.</param>
/// <param name="EnrollsWorkflow">It sends <c>workflow_id</c>: a success leaves one enrollment.</param>
internal sealed record ImportRequest(
    string Kind,
    string Identity,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    bool Subscribes,
    bool LaunchesTrigger,
    bool EnrollsWorkflow);

/// <summary>What the service answered, and when, measured from the start of the phase.</summary>
/// <param name="Status">The HTTP status, or 0 when no answer came (connection refused, timeout).</param>
internal sealed record ImportAnswer(ImportRequest Request, int Status, string Body, TimeSpan Started, TimeSpan Elapsed)
{
    private const string Added = "Successfully added ";

    public string? ProfileId => Status == 200 && Body.StartsWith(Added, StringComparison.Ordinal) ? Body[Added.Length..] : null;

    /// <summary>A 503 for a COMMIT whose outcome is unknown (ADR 20): the import may have been written, whole.</summary>
    public bool MayHaveBeenWritten => Status == 503 && Body.Contains("may have been written", StringComparison.Ordinal);

    public TimeSpan Finished => Started + Elapsed;
}
