using RabbitMQ.Client;

namespace QuickImport.Api.Queue;

/// <summary>
/// The consume channel's deliveries not yet acknowledged or returned, and their settling: a window's
/// acknowledgements travel as one <c>basic.ack</c> with <c>multiple</c> where they can (ADR 45),
/// instead of a frame, a socket write and a broker round of work per message.
/// </summary>
/// <remarks>
/// A multiple acknowledgement settles every tag up to its own, so it may only name a tag below which
/// every unsettled delivery is one of those being acknowledged: a delivery still importing in the
/// other loop's window, or waiting to go back to the queue, is never covered; the acknowledged tags
/// above it go one by one. Tags grow in delivery order, and a delivery's tag is taken here before
/// any loop sees it. The client's recovery keeps them growing across reconnects, and drops the
/// settling of a tag from before it (the broker has requeued that delivery).
/// Each settling — the plan and its frames — runs alone, in order: a multiple acknowledgement sent
/// ahead of an earlier plan's frame would settle that frame's tag first, and the broker closes the
/// channel on the settling of a tag it no longer knows.
/// </remarks>
public sealed class Acknowledgements(IChannel channel)
{
    private readonly SortedSet<ulong> unsettled = [];
    private readonly SemaphoreSlim settling = new(1, 1);

    /// <summary>A delivery taken from the channel, unsettled until it is acknowledged or returned.</summary>
    public void Delivered(ulong tag)
    {
        lock (unsettled)
        {
            unsettled.Add(tag);
        }
    }

    /// <summary>Acknowledges the deliveries: those with nothing unsettled below them in one frame, the others one by one.</summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<ulong> tags, CancellationToken cancellationToken)
    {
        await settling.WaitAsync(CancellationToken.None);
        try
        {
            var (upTo, singly) = Plan(tags);
            if (upTo is { } last)
            {
                await channel.BasicAckAsync(last, multiple: true, cancellationToken);
            }

            foreach (var tag in singly)
            {
                await channel.BasicAckAsync(tag, multiple: false, cancellationToken);
            }
        }
        finally
        {
            Settled(tags);
            settling.Release();
        }
    }

    /// <summary>Returns the delivery to the queue, to come again.</summary>
    public async Task ReturnAsync(ulong tag, CancellationToken cancellationToken)
    {
        await settling.WaitAsync(CancellationToken.None);
        try
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);
        }
        finally
        {
            Settled([tag]);
            settling.Release();
        }
    }

    /// <summary>
    /// How to acknowledge <paramref name="tags"/>: up to which of them one multiple frame may go (none
    /// when the lowest is above an unsettled delivery of another), and those left to go one by one.
    /// </summary>
    public (ulong? UpTo, IReadOnlyList<ulong> Singly) Plan(IReadOnlyCollection<ulong> tags)
    {
        var acknowledged = tags as IReadOnlySet<ulong> ?? new HashSet<ulong>(tags);
        ulong? upTo = null;
        lock (unsettled)
        {
            foreach (var tag in unsettled)
            {
                if (!acknowledged.Contains(tag))
                {
                    break;
                }

                upTo = tag;
            }
        }

        return (upTo, [.. tags.Where(tag => tag > upTo.GetValueOrDefault()).Order()]);
    }

    private void Settled(IEnumerable<ulong> tags)
    {
        lock (unsettled)
        {
            unsettled.ExceptWith(tags);
        }
    }
}
