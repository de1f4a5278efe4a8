using System.Globalization;

namespace QuickImport.Tools.LoadCheck;

/// <summary>The result table tools/loadcheck.sh prints and docs/reliability.md quotes.</summary>
internal static class Report
{
    public static void Write(TextWriter output, IReadOnlyList<PhaseResult> phases)
    {
        output.WriteLine();
        output.WriteLine("| phase | imports | seconds | imports/s | p50 ms | p95 ms | p99 ms | 200 | 402 | 503 | other |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            var other = phase.Answers.Count - phase.Count(200) - phase.Count(402) - phase.Count(503);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Answers.Count} | {phase.Duration.TotalSeconds:0.0} | {phase.PerSecond:0} | {phase.Percentile(0.50):0} | " +
                $"{phase.Percentile(0.95):0} | {phase.Percentile(0.99):0} | {phase.Count(200)} | {phase.Count(402)} | {phase.Count(503)} | {other} |"));
        }

        foreach (var phase in phases)
        {
            output.WriteLine();
            output.WriteLine($"{phase.Name}:");
            foreach (var line in phase.Events)
            {
                output.WriteLine($"  {line}");
            }

            foreach (var check in phase.Checks)
            {
                output.WriteLine($"  [{(check.Passed ? "PASS" : "FAIL")}] {check.Name} — {check.Detail}");
            }
        }

        var failed = phases.SelectMany(p => p.Checks).Count(c => !c.Passed);
        output.WriteLine();
        output.WriteLine(failed == 0 ? "All checks passed." : $"{failed} check(s) FAILED.");
    }
}
