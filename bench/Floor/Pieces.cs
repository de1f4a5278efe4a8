namespace QuickImport.Bench.Floor;

/// <summary>The pieces of QuickImport the floor runs with: Floor:Pieces, names separated by commas (Program.cs says what each is).</summary>
public sealed record Pieces(bool Mvc, bool Scope, bool Mediator, bool TwoRoundTrips, bool LogLine, bool Metrics, bool Writer)
{
    private static readonly string[] Names = ["mvc", "scope", "mediator", "two-round-trips", "log-line", "metrics", "writer"];

    public static Pieces Parse(string? list)
    {
        var named = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        if (named.Except(Names).FirstOrDefault() is { } unknown)
        {
            throw new InvalidOperationException($"Floor:Pieces: no piece '{unknown}' (there are {string.Join(", ", Names)})");
        }

        var pieces = new Pieces(
            named.Contains("mvc"),
            named.Contains("scope"),
            named.Contains("mediator"),
            named.Contains("two-round-trips"),
            named.Contains("log-line"),
            named.Contains("metrics"),
            named.Contains("writer"));
        if (pieces.Mediator && !pieces.Scope)
        {
            throw new InvalidOperationException("Floor:Pieces: mediator needs scope (its handler runs the scoped store, as QuickImport's)");
        }

        return pieces;
    }
}
