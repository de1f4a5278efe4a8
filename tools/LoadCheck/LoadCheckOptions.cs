using System.Globalization;

namespace QuickImport.Tools.LoadCheck;

/// <summary>The command line of the checker; tools/loadcheck.sh fills it in.</summary>
internal sealed record LoadCheckOptions(
    Uri Api,
    string Database,
    string AdminKey,
    string ApiApplicationName,
    int Requests,
    int Concurrency,
    TimeSpan PhaseLimit,
    string? StopCommand,
    string? StartCommand)
{
    public const string Usage = """
        usage: LoadCheck --api http://127.0.0.1:PORT --database "<Npgsql connection string>" --admin-key KEY
                         [--api-application-name NAME] [--requests 3000] [--concurrency 32] [--phase-seconds 150]
                         [--stop-command "..." --start-command "..."]   (both: also run the fault phases)
        """;

    public bool Faults => StopCommand is not null && StartCommand is not null;

    public static LoadCheckOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var api = new Uri(Required("--api"));
        if (!api.IsLoopback)
        {
            throw new ArgumentException("--api must be a loopback address: the checker loads only a local service");
        }

        return new LoadCheckOptions(
            api,
            Required("--database"),
            Required("--admin-key"),
            values.GetValueOrDefault("--api-application-name", "quickimport-loadcheck"),
            Math.Clamp(Number("--requests", 3000), 32, 20_000),
            Math.Clamp(Number("--concurrency", 32), 1, 256),
            TimeSpan.FromSeconds(Math.Clamp(Number("--phase-seconds", 150), 5, 600)),
            values.GetValueOrDefault("--stop-command"),
            values.GetValueOrDefault("--start-command"));
    }
}
