using System.Globalization;

namespace QuickImport.Bench.QueueLoad;

/// <summary>The command line (Program.cs's header describes each option).</summary>
public sealed record LoadOptions(
    Uri Uri,
    int Account,
    int Database,
    int Resource,
    string Prefix,
    int Count,
    double Rate,
    int Existing,
    int Trigger,
    string? ResultsFile,
    double IdleSeconds)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new LoadOptions(
            new Uri(Required("uri")),
            int.Parse(Required("account"), CultureInfo.InvariantCulture),
            int.Parse(Required("db"), CultureInfo.InvariantCulture),
            int.Parse(Required("resource"), CultureInfo.InvariantCulture),
            Required("prefix"),
            int.Parse(Required("count"), CultureInfo.InvariantCulture),
            values.TryGetValue("rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : 0,
            Number("existing", 0),
            Number("trigger", 0),
            values.GetValueOrDefault("results"),
            values.TryGetValue("idle", out var idle) ? double.Parse(idle, CultureInfo.InvariantCulture) : 30);
    }
}
