namespace QuickImport.Application.Common.Deduplication;

/// <summary>The <c>QuickImport:Deduplication</c> section: how repeated requests are answered.</summary>
public sealed class DeduplicationSettings
{
    public const string SectionName = "QuickImport:Deduplication";

    /// <summary>Off: every request runs, repeated or not.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a response is replayed to repeats of its request.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a repeat waits for an identical request still running before it is told to retry.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running request holds its key if it never finishes (its process died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);
}
