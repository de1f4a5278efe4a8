namespace QuickImport.Api.Queue;

/// <summary>The <c>QuickImport:RabbitMq</c> section: the queue entry point (docs/queue.md).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "QuickImport:RabbitMq";

    /// <summary>Where producers publish imports.</summary>
    public const string ImportQueue = "database_import";

    /// <summary>Where each import's outcome is published.</summary>
    public const string ResultQueue = "database_import_result";

    /// <summary>AMQP URI of the broker; unset, the service consumes nothing.</summary>
    public Uri? Uri { get; set; }

    /// <summary>How many messages one instance holds unacknowledged; each of its two import loops takes at most half of them as a window (ADR 42).</summary>
    public ushort Prefetch { get; set; } = 256;

    /// <summary>How long to wait between attempts to connect, at start and after the broker went away.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);
}
