namespace QuickImport.Tools.LoadCheck;

/// <summary>A phase's answers, the events it caused (a restart, terminated connections) and its checks.</summary>
internal sealed record PhaseResult(string Name, IReadOnlyList<ImportAnswer> Answers, TimeSpan Duration, IReadOnlyList<string> Events, IReadOnlyList<Check> Checks)
{
    public double PerSecond => Answers.Count / Duration.TotalSeconds;

    public double Percentile(double share)
    {
        var sorted = Answers.Select(a => a.Elapsed.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];
    }

    public int Count(int status) => Answers.Count(a => a.Status == status);
}
