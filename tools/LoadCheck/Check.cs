namespace QuickImport.Tools.LoadCheck;

/// <summary>One invariant checked against the database after a phase.</summary>
internal sealed record Check(string Phase, string Name, bool Passed, string Detail);
