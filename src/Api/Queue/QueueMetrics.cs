using System.Diagnostics;
using System.Diagnostics.Metrics;
using QuickImport.Api.Observability;

namespace QuickImport.Api.Queue;

/// <summary>The queue's instruments, on the "QuickImport" meter beside the HTTP import's.</summary>
public sealed class QueueMetrics
{
    public const string ConsumedName = "quickimport.queue.consumed";
    public const string RedeliveredName = "quickimport.queue.redelivered";
    public const string AcknowledgedName = "quickimport.queue.acknowledged";
    public const string FailedName = "quickimport.queue.failed";
    public const string DurationName = "quickimport.queue.message.duration";
    public const string WindowName = "quickimport.queue.window.size";

    private readonly Counter<long> consumed;
    private readonly Counter<long> redelivered;
    private readonly Counter<long> acknowledged;
    private readonly Counter<long> failed;
    private readonly Histogram<double> duration;
    private readonly Histogram<int> window;

    public QueueMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ImportMetrics.MeterName);
        consumed = meter.CreateCounter<long>(ConsumedName, "{message}", "Messages delivered from database_import.");
        redelivered = meter.CreateCounter<long>(RedeliveredName, "{message}", "Deliveries the broker marked as delivered before (a consumer stopped or failed before its ack).");
        acknowledged = meter.CreateCounter<long>(AcknowledgedName, "{message}", "Messages acknowledged after their result was confirmed published, by result status (200, or the error code).");
        failed = meter.CreateCounter<long>(FailedName, "{message}", "Messages returned to the queue without a result (database unavailable, an identical message still being imported, result not confirmed, connection lost).");
        duration = meter.CreateHistogram(
            DurationName,
            unit: "s",
            description: "From delivery to acknowledgement, per message, by result status (200, or the error code).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
        window = meter.CreateHistogram(
            WindowName,
            unit: "{message}",
            description: "Messages an import loop took at once from those waiting: its window, imported as batches where it can (ADR 42).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
    }

    public void Consumed(bool wasRedelivered)
    {
        consumed.Add(1);
        if (wasRedelivered)
        {
            redelivered.Add(1);
        }
    }

    public void Acknowledged(int status, TimeSpan elapsed)
    {
        var tags = new TagList { { "status", status } };
        acknowledged.Add(1, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }

    public void Failed() => failed.Add(1);

    public void Window(int size) => window.Record(size);
}
