namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>
/// A row of <c>request_deduplication</c>: a request's key and, once it finished, its response. A row
/// without a status is a request still running; its <see cref="ExpiresAt"/> is then a short lease.
/// </summary>
public sealed class DeduplicationRecord
{
    public required string Key { get; init; }

    public int? Status { get; init; }

    public string? ContentType { get; init; }

    public string? Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
