using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace QuickImport.Api.Limits;

/// <summary>
/// How many bytes of v1.1 import bodies the process works on at once (<see cref="RequestLimits.ImportBudgetBytes"/>):
/// a batch holds several times its body in memory while it runs, so large batches beyond the budget
/// wait their turn, oldest first, before their body is read — memory stays bounded however many
/// arrive together, while batches of ordinary size run side by side.
/// </summary>
public sealed class ImportBudget : IDisposable
{
    private const int BytesPerPermit = 1024;

    private readonly ConcurrencyLimiter limiter;
    private readonly int permits;

    public ImportBudget(IOptions<RequestLimits> limits)
    {
        permits = Math.Max(1, limits.Value.ImportBudgetBytes / BytesPerPermit);
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits until the body's bytes fit in the budget; a body larger than the budget waits for all of it.</summary>
    /// <param name="bytes">The body's announced length, or the most it may be.</param>
    public async ValueTask<IDisposable> EnterAsync(long bytes, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Clamp((bytes + BytesPerPermit - 1) / BytesPerPermit, 1, permits);
        return await limiter.AcquireAsync(wanted, cancellationToken);
    }

    public void Dispose() => limiter.Dispose();
}
