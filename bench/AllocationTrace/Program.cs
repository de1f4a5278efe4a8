// What a recorded process allocated, by type and by where (bench/quick-profile.sh, docs/benchmarks.md):
// reads an EventPipe trace recorded with `dotnet-trace collect --profile gc-verbose`, whose
// GCAllocationTick events each stand for about 100 KB allocated, with the type of the object that
// crossed the mark and its stack. Prints the shares by type, then by type and the first frames of
// the stack (the first frames that are not the runtime's own).
// Usage: dotnet QuickImport.Bench.AllocationTrace.dll <trace.nettrace> [frames, default 4] [lines, default 25]
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

var frames = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
var lines = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 25;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var byPlace = new Dictionary<string, long>();
long total = 0;
foreach (var traceEvent in log.Events)
{
    if (traceEvent is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    total += tick.AllocationAmount64;
    byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + tick.AllocationAmount64;
    var place = $"{tick.TypeName}  <=  {string.Join("  <  ", Frames(tick.CallStack()).Take(frames))}";
    byPlace[place] = byPlace.GetValueOrDefault(place) + tick.AllocationAmount64;
}

Console.WriteLine($"sampled: {total / 1024 / 1024} MB");
Print("by type", byType);
Print("by type and where", byPlace);

void Print(string title, Dictionary<string, long> shares)
{
    Console.WriteLine($"\n{title}:");
    foreach (var (name, bytes) in shares.OrderByDescending(p => p.Value).Take(lines))
    {
        Console.WriteLine($"{100.0 * bytes / total,6:F1} %  {name}");
    }
}

// The methods of a stack, innermost first, without the allocation helpers and the unnamed frames.
static IEnumerable<string> Frames(TraceCallStack? stack)
{
    for (; stack is not null; stack = stack.Caller)
    {
        var name = stack.CodeAddress.FullMethodName;
        if (!string.IsNullOrEmpty(name) && !name.StartsWith("System.GC.", StringComparison.Ordinal))
        {
            yield return name.Length > 120 ? name[..120] : name;
        }
    }
}
