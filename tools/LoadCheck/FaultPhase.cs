using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace QuickImport.Tools.LoadCheck;

/// <summary>
/// A steady stream of new imports (each its own profile, subscription and launch) while a fault
/// is injected at set times: the checks then find every import whole or absent.
/// </summary>
internal static class FaultPhase
{
    /// <summary>
    /// How long a worker waits after a 503 before its next import: a client that backs off, shorter
    /// than the <c>Retry-After</c> so the recovery is timed to a fifth of a second.
    /// </summary>
    private static readonly TimeSpan PauseAfterUnavailable = TimeSpan.FromMilliseconds(200);

    /// <summary>A fault to inject, <paramref name="At"/> after the phase starts; it returns what it did.</summary>
    /// <param name="EndsOutage">It brings the database back: recovery is measured from its end.</param>
    public sealed record Fault(TimeSpan At, Func<Task<string>> Inject, bool EndsOutage = false);

    public static async Task<PhaseResult> RunAsync(
        string name,
        HttpClient http,
        ImportClient client,
        Database database,
        LoadCheckOptions options,
        TimeSpan duration,
        IReadOnlyList<Fault> faults)
    {
        var account = await LoadAccount.CreateAsync(http, options.AdminKey, $"loadcheck-{name}-{Guid.NewGuid():N}", profileLimit: null);
        var answers = new ConcurrentQueue<ImportAnswer>();
        var injected = new ConcurrentQueue<Injected>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var end = Min(duration, options.PhaseLimit);

        async Task WorkAsync()
        {
            // Bounded in time and in count.
            for (var number = Interlocked.Increment(ref next); clock.Elapsed < end && number < options.Requests; number = Interlocked.Increment(ref next))
            {
                var answer = await client.SendAsync(ImportPlans.FreshImport(account, name, number), clock);
                answers.Enqueue(answer);
                if (answer.Status == 503)
                {
                    await Task.Delay(PauseAfterUnavailable);
                }
            }
        }

        async Task InjectAsync()
        {
            foreach (var fault in faults)
            {
                var wait = fault.At - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var started = clock.Elapsed;
                var what = await fault.Inject();
                injected.Enqueue(new Injected(started, clock.Elapsed, what, fault.EndsOutage));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync()).Append(InjectAsync()));
        var elapsed = clock.Elapsed;
        var ordered = answers.OrderBy(a => a.Started).ToList();
        var checks = await FaultChecks.RunAsync(name, database, account, ordered);
        var events = injected.Select(f => $"{Seconds(f.Started)}–{Seconds(f.Finished)} s: {f.What}").ToList();
        events.AddRange(Outage(ordered, injected.SingleOrDefault(f => f.EndsOutage)));
        return new PhaseResult(name, ordered, elapsed, events, checks);
    }

    /// <summary>When clients saw the database gone, how fast they heard so, and how soon after it came back they were served again.</summary>
    private static IEnumerable<string> Outage(IReadOnlyList<ImportAnswer> answers, Injected? restart)
    {
        var failed = answers.Where(a => a.Status != 200).ToList();
        if (failed.Count == 0)
        {
            yield return "no import failed";
            yield break;
        }

        var lastFailure = failed.Max(a => a.Finished);
        yield return $"non-200 answers from {Seconds(failed.Min(a => a.Started))} s to {Seconds(lastFailure)} s";
        if (restart is not null)
        {
            var served = answers.Where(a => a.Status == 200 && a.Started >= lastFailure).Select(a => (TimeSpan?)a.Finished).Min();
            yield return served is { } first
                ? $"first 200 after the last non-200 at {Seconds(first)} s: served again {Seconds(first - restart.Started)} s after the start " +
                    $"of PostgreSQL began (its command returned at {Seconds(restart.Finished)} s)"
                : "no import succeeded after PostgreSQL was back (the phase ran out of time or requests)";
        }

        yield return $"503 latency: median {Milliseconds(Median(failed))} ms, slowest {Milliseconds(failed.Max(a => a.Elapsed))} ms";
    }

    private sealed record Injected(TimeSpan Started, TimeSpan Finished, string What, bool EndsOutage);

    private static TimeSpan Median(List<ImportAnswer> answers) => answers.Select(a => a.Elapsed).Order().ElementAt(answers.Count / 2);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
