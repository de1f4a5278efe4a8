using QuickImport.Api.Deduplication;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Queue;

/// <summary>A message of a consumer's window, read, with the key it is deduplicated by (<see cref="DeduplicationKey.ForMessage"/>).</summary>
public sealed record QueuedImport(ImportMessage Message, RequestKey Key);

/// <summary>
/// A consumer's window of waiting messages cut into the imports that run it (ADR 42): runs of
/// consecutive messages that one batch can take as they are, each message an item, in delivery order.
/// Messages share a batch when everything but their item is alike — the account and every parameter
/// the engine reads per request — and none names a key another already has (the second is then the
/// first's repeat, answered with its outcome once it is stored). A message with a fault of its own
/// request (refused whole) stands alone.
/// </summary>
public static class ImportBatches
{
    private static readonly ImportItem[] NoItems = [];

    /// <summary>The window's batches, each the indexes of its messages in delivery order; a null (unreadable) message is in none.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Of(IReadOnlyList<QueuedImport?> window)
    {
        List<IReadOnlyList<int>> batches = [];
        List<int>? current = null;
        var keys = new HashSet<RequestKey>();
        for (var i = 0; i < window.Count; i++)
        {
            if (window[i] is not { } message)
            {
                continue;
            }

            if (current is null || !Batchable(message) || !Alike(window[current[0]]!, message) || !keys.Add(message.Key))
            {
                current = [i];
                batches.Add(current);
                keys.Clear();
                keys.Add(message.Key);
                continue;
            }

            current.Add(i);
        }

        return batches;
    }

    /// <summary>The one import of a batch's messages: the first's request, with each message's item in order.</summary>
    public static ImportProfilesCommand Command(IReadOnlyList<ImportMessage> batch)
    {
        var first = batch[0].Command;
        return first with { Request = first.Request with { Items = [.. batch.Select(m => m.Command.Request.Items[0])] } };
    }

    // One item, and nothing wrong with the request itself (which refuses it whole).
    private static bool Batchable(QueuedImport message) =>
        message.Message.Command is { Faults.Count: 0, Request.Items.Count: 1 };

    private static bool Alike(QueuedImport first, QueuedImport next)
    {
        var (a, b) = (first.Message.Command, next.Message.Command);
        return Batchable(first)
            && first.Message.AccountId == next.Message.AccountId
            && a.TrustedAccountId == b.TrustedAccountId
            && a.Token == b.Token
            && a.Matching == b.Matching
            && a.Request with { Items = NoItems } == b.Request with { Items = NoItems };
    }
}
