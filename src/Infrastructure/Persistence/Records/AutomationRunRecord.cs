namespace QuickImport.Infrastructure.Persistence.Records;

/// <summary>
/// A row of <c>automation_runs</c>: a trigger launch or a scenario enrollment an import wrote, an
/// outbox row the sending system picks up.
/// </summary>
public sealed class AutomationRunRecord
{
    public const string Pending = "pending";

    public long Id { get; init; }

    public int AutomationId { get; init; }

    public required string ProfileId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
