namespace QuickImport.Tools.LoadCheck;

/// <summary>One invariant checked against the database after a phase.</summary>
internal sealed record Check(string Phase, string Name, bool Passed, string Detail)
{
    public static Check That(string phase, string name, bool passed, string detail) => new(phase, name, passed, detail);
}
