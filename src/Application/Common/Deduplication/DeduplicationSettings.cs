namespace QuickImport.Application.Common.Deduplication;

/// <summary>The <c>QuickImport:Deduplication</c> section: how repeated requests are answered.</summary>
public sealed class DeduplicationSettings
{
    public const string SectionName = "QuickImport:Deduplication";

    /// <summary>The shortest time slice the keys are kept in, whatever the window (ADR 40).</summary>
    public static readonly TimeSpan ShortestSlice = TimeSpan.FromMinutes(1);

    /// <summary>Off: every request runs, repeated or not.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a finished request's outcome is replayed to its repeats.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a repeat waits for an identical request still running before it is told to retry.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running request holds its key if it never finishes (its process died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often time slices are made ahead and those past the window dropped.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The length of one time slice of keys: a quarter of the window, so that a lookup probes five
    /// slices at most, and storage runs at most a quarter past the window.
    /// </summary>
    public TimeSpan Slice => TimeSpan.FromTicks(Math.Max(Window.Ticks / 4, ShortestSlice.Ticks));
}
