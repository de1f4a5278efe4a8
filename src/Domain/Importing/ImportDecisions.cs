namespace QuickImport.Domain.Importing;

/// <summary>The outcome of each item, in the items' order, and what the import writes for them.</summary>
/// <param name="Creates">How many items create a profile.</param>
public sealed record ImportDecisions(IReadOnlyList<ItemOutcome> Outcomes, ImportWrites Writes, int Creates);
