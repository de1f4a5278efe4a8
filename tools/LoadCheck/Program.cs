// Fires thousands of overlapping imports at a running QuickImport on 127.0.0.1, optionally while
// PostgreSQL is restarted and the API's connections are terminated, then checks the database
// directly. Run by tools/loadcheck.sh; see docs/reliability.md.
using QuickImport.Tools.LoadCheck;

LoadCheckOptions options;
try
{
    options = LoadCheckOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoadCheckOptions.Usage);
    return 2;
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(30) };
var client = new ImportClient(http);
var database = new Database(options.Database);

var phases = new List<PhaseResult> { await ContentionPhase.RunAsync(http, client, database, options) };
Console.WriteLine($"contention: {phases[^1].Answers.Count} imports answered");

if (options.Faults)
{
    phases.Add(await FaultPhase.RunAsync(
        "restart", http, client, database, options, TimeSpan.FromSeconds(14),
        [
            new(TimeSpan.FromSeconds(3), async () =>
            {
                await ShellCommand.RunAsync(options.StopCommand!);
                return "PostgreSQL stopped (pg_ctl stop -m fast)";
            }),
            new(TimeSpan.FromSeconds(7), async () =>
            {
                await ShellCommand.RunAsync(options.StartCommand!);
                return "PostgreSQL started again";
            },
            EndsOutage: true),
        ]));
    Console.WriteLine($"restart: {phases[^1].Answers.Count} imports answered");

    var terminations = Enumerable.Range(1, 3).Select(i => new FaultPhase.Fault(TimeSpan.FromSeconds(2.5 * i), async () =>
        $"pg_terminate_backend ended {await database.TerminateAsync(options.ApiApplicationName)} connections of the API"));
    phases.Add(await FaultPhase.RunAsync("terminate", http, client, database, options, TimeSpan.FromSeconds(10), [.. terminations]));
    Console.WriteLine($"terminate: {phases[^1].Answers.Count} imports answered");
}

Report.Write(Console.Out, phases);
return phases.SelectMany(p => p.Checks).All(c => c.Passed) ? 0 : 1;
