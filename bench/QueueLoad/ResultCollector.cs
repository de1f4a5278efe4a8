using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace QuickImport.Bench.QueueLoad;

/// <summary>
/// Reads <c>database_import_result</c> and matches each result to its message by <c>feedback_id</c>:
/// the first result's time (its latency from the publish) and body, and how many copies came after it.
/// </summary>
public sealed class ResultCollector(string prefix, int count)
{
    private readonly long[] sentAt = new long[count + 1];
    private readonly ConcurrentDictionary<int, Answer> answers = new();
    private readonly TaskCompletionSource everyAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long lastAnswerAt;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public void Sent(int n) => Volatile.Write(ref sentAt[n], Clock.ElapsedTicks);

    public async Task StartAsync(IChannel channel)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            Receive(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(QueueNames.Result, autoAck: true, consumer);
    }

    /// <returns>Whether every message was answered before <paramref name="idle"/> passed without a result.</returns>
    public async Task<bool> WaitAsync(TimeSpan idle)
    {
        while (!everyAnswered.Task.IsCompleted)
        {
            var quiet = Clock.Elapsed - TimeSpan.FromTicks(Math.Max(Volatile.Read(ref lastAnswerAt), 0) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            if (quiet > idle)
            {
                return false;
            }

            await Task.WhenAny(everyAnswered.Task, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        return true;
    }

    public string Report(TimeSpan started, TimeSpan published)
    {
        var firsts = answers.Values.ToList();
        var latencies = firsts.Select(a => Milliseconds(a.ReceivedAt - sentAt[a.N])).Order().ToArray();
        var answeredSeconds = firsts.Count == 0 ? 0 : Milliseconds(firsts.Max(a => a.ReceivedAt)) / 1000 - started.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"RESULT published={count} answered={firsts.Count} missing={count - firsts.Count} " +
            $"copies={firsts.Sum(a => a.Copies - 1)} different_copies={firsts.Count(a => !a.Identical)} " +
            $"failed={firsts.Count(a => a.Error != 0)} publish_s={published.TotalSeconds:0.000} answered_s={answeredSeconds:0.000} " +
            $"msgs_per_s={(answeredSeconds > 0 ? firsts.Count / answeredSeconds : 0):0.0} " +
            $"p50_ms={Percentile(latencies, 0.50):0.00} p99_ms={Percentile(latencies, 0.99):0.00}");
    }

    public IEnumerable<string> Lines() => answers.Values.OrderBy(a => a.N).Select(a => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["feedback_id"] = ImportMessages.FeedbackId(prefix, a.N),
        ["copies"] = a.Copies,
        ["identical"] = a.Identical,
        ["result"] = JsonDocument.Parse(a.Body).RootElement,
    }));

    private void Receive(string body)
    {
        var receivedAt = Clock.ElapsedTicks;
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("feedback_id", out var feedback) || feedback.ValueKind != JsonValueKind.String
            || !feedback.GetString()!.StartsWith(prefix + "-", StringComparison.Ordinal)
            || !int.TryParse(feedback.GetString().AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || n > count)
        {
            return; // another run's
        }

        var error = root.GetProperty("error").GetInt32();
        answers.AddOrUpdate(n, _ => new Answer(n, receivedAt, body, error, 1, true), (_, first) => first with
        {
            Copies = first.Copies + 1,
            Identical = first.Identical && first.Body == body,
        });
        Volatile.Write(ref lastAnswerAt, receivedAt);
        if (answers.Count == count)
        {
            everyAnswered.TrySetResult();
        }
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];

    private sealed record Answer(int N, long ReceivedAt, string Body, int Error, int Copies, bool Identical);
}
