namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>
/// A row of <c>profile_unique_values</c>: which profile holds a value of a unique field (email and
/// unique custom fields). Its primary key is what keeps those values unique under any concurrency.
/// </summary>
public sealed class UniqueValueRecord
{
    public int DatabaseId { get; init; }

    public required string FieldName { get; init; }

    public required string ValueKey { get; init; }

    public required string ProfileId { get; init; }
}
