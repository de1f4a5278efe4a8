using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Api.Observability;
using QuickImport.Api.Queue;

namespace QuickImport.Api.IntegrationTests.Queue;

/// <summary>
/// The <c>quickimport.queue.consumed</c> metric of each instance in this process. Their meters share a
/// name, so a Prometheus scrape would mix them; each instance's come from its own IMeterFactory,
/// which is their Scope.
/// </summary>
public sealed class ConsumedPerInstance : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<object, long> counts = new();

    public ConsumedPerInstance()
    {
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == ImportMetrics.MeterName && instrument.Name == QueueMetrics.ConsumedName)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            counts.AddOrUpdate(instrument.Meter.Scope!, value, (_, total) => total + value));
        listener.Start();
    }

    public long By(ApiInstance instance) => counts.GetValueOrDefault(instance.Services.GetRequiredService<IMeterFactory>());

    public void Dispose() => listener.Dispose();
}
