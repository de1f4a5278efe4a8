// The queue's load generator (bench/queue.sh, scripts/instances.sh): publishes imports to
// database_import, persistent and confirmed by the broker, and collects their results from
// database_import_result, each matched to its message by feedback_id (<prefix>-<n>).
//
//   QueueLoad --uri amqp://guest:guest@127.0.0.1:55672/ --account 1 --db 1 --resource 1 --prefix r1 --count 5000
//             [--rate 0] [--existing 0] [--trigger 0] [--results results.jsonl] [--idle 30]
//
// --rate     messages per second, paced; 0 publishes as fast as the broker confirms (at most 256 unconfirmed)
// --existing every other message updates one of seed-1..N@bench.example (bench/seed-profiles.sql); 0: all create
// --trigger  a trigger_id every message launches (an outbox row per executed import)
// --results  one JSON line per message answered: {"feedback_id", "copies", "identical", "result"}
// --idle     gives up when no result arrived for this many seconds
//
// Prints one line: RESULT published=… answered=… missing=… copies=… failed=… publish_s=… answered_s=…
// msgs_per_s=… p50_ms=… p99_ms=… cpu_ms=…, where answered_s runs from the first publish to the last first
// result and msgs_per_s is answered / answered_s; latency is from the publish to the first result;
// cpu_ms is this process's own CPU time.
// The result queue is purged first: this process must be its only reader.
using System.Diagnostics;
using System.Globalization;
using QuickImport.Bench.QueueLoad;
using RabbitMQ.Client;

var options = LoadOptions.Parse(args);
await using var connection = await new ConnectionFactory { Uri = options.Uri }.CreateConnectionAsync("quickimport-queueload");
await using var results = await connection.CreateChannelAsync();
foreach (var queue in new[] { QueueNames.Import, QueueNames.Result })
{
    await results.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
}

await results.QueuePurgeAsync(QueueNames.Result);
var collector = new ResultCollector(options.Prefix, options.Count);
await collector.StartAsync(results);

var publisher = new Publisher(connection, new ImportMessages(options));
var started = collector.Clock.Elapsed;
await publisher.PublishAsync(options.Count, options.Rate, collector);
var published = collector.Clock.Elapsed - started;

var complete = await collector.WaitAsync(TimeSpan.FromSeconds(options.IdleSeconds));
// Copies of results come after their first (a redelivery replayed): a moment to count them.
await Task.Delay(TimeSpan.FromSeconds(1));
var report = collector.Report(started, published);
if (options.ResultsFile is { } file)
{
    await File.WriteAllLinesAsync(file, collector.Lines());
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report} cpu_ms={Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0}"));
return complete ? 0 : 1;
