using Microsoft.Extensions.Options;
using QuickImport.Api.Limits;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>Large v1.1 batches take turns within the import budget; ordinary ones run side by side.</summary>
public sealed class ImportBudgetTests
{
    private const int MiB = 1024 * 1024;

    [Test]
    public async Task A_batch_that_does_not_fit_waits_until_the_one_before_it_is_answered()
    {
        using var budget = Budget(16 * MiB);
        var first = await budget.EnterAsync(10 * MiB, CancellationToken.None);

        var second = budget.EnterAsync(10 * MiB, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.That(second.IsCompleted, Is.False, "the second 10 MB batch waits");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task Small_batches_fit_beside_a_large_one_and_a_body_larger_than_the_budget_still_runs_alone()
    {
        using var budget = Budget(16 * MiB);
        using (await budget.EnterAsync(10 * MiB, CancellationToken.None))
        {
            var smalls = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => budget.EnterAsync(MiB, CancellationToken.None).AsTask()))
                .WaitAsync(TimeSpan.FromSeconds(5));
            foreach (var small in smalls)
            {
                small.Dispose();
            }
        }

        (await budget.EnterAsync(64 * MiB, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public void A_client_that_gives_up_while_waiting_leaves_the_queue()
    {
        using var budget = Budget(16 * MiB);
        using var held = budget.EnterAsync(16 * MiB, CancellationToken.None).AsTask().Result;
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(async () => await budget.EnterAsync(MiB, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    private static ImportBudget Budget(int bytes) => new(Options.Create(new RequestLimits { ImportBudgetBytes = bytes }));
}
