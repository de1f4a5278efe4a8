namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>A row of <c>profiles</c>; the import path reads and writes it with SQL of its own.</summary>
public sealed class ProfileRecord
{
    public required string Id { get; init; }

    public int DatabaseId { get; init; }

    public string? Email { get; init; }

    public required string[] Phones { get; init; }

    /// <summary>Every other field, as a jsonb object.</summary>
    public required string Fields { get; init; }

    /// <summary>One <c>name=key</c> token per field (<c>FieldKey</c>), GIN-indexed for field matching.</summary>
    public required string[] MatchKeys { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
