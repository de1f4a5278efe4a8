using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace QuickImport.Bench.Floor;

/// <summary>
/// The log-line and metrics pieces, as QuickImport's ImportTelemetryMiddleware, outermost: a log scope with the
/// request id around every request and, once an import is answered, one line about it and its measurements.
/// </summary>
public sealed partial class ImportTelemetry(RequestDelegate next, Pieces pieces, ILogger<ImportTelemetry> logger, IServiceProvider services)
{
    private readonly ImportMetrics? metrics = services.GetService<ImportMetrics>();

    public async Task InvokeAsync(HttpContext context)
    {
        using var scope = pieces.LogLine ? logger.BeginScope(new RequestIdScope(context.TraceIdentifier)) : null;
        if (!IsImport(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            Answered(failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private static bool IsImport(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && string.Equals(request.Path.Value?.TrimEnd('/'), ImportEndpoint.Route, StringComparison.OrdinalIgnoreCase);

    private void Answered(int status, TimeSpan elapsed)
    {
        var outcome = status == StatusCodes.Status200OK ? "imported" : status.ToString(CultureInfo.InvariantCulture);
        var roundTrips = pieces.TwoRoundTrips ? 2 : 1;
        metrics?.Answered(outcome, "email", roundTrips);
        if (pieces.LogLine)
        {
            LogAnswered(logger, status, outcome, Math.Round(elapsed.TotalMilliseconds, 1), Tokens.Database, "email", roundTrips);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Import answered {Status} {Outcome} in {ElapsedMs} ms (account {AccountId}, matching {Matching}, {DbRoundTrips} database round trips)")]
    private static partial void LogAnswered(
        ILogger logger, int status, string outcome, double elapsedMs, int? accountId, string matching, int dbRoundTrips);

    private sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object>>
    {
        public int Count => 1;

        public KeyValuePair<string, object> this[int index] =>
            index == 0 ? new("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"RequestId:{requestId}";
    }
}

/// <summary>The import's instruments, as QuickImport's ImportMetrics.</summary>
public sealed class ImportMetrics
{
    public const string MeterName = "QuickImport.Bench.Floor";

    private readonly Counter<long> imports;
    private readonly Histogram<int> roundTrips;

    public ImportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        imports = meter.CreateCounter<long>("quickimport.imports", unit: "{import}");
        roundTrips = meter.CreateHistogram(
            "quickimport.import.db_round_trips",
            unit: "{round_trip}",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50] });
    }

    public void Answered(string outcome, string matching, int databaseRoundTrips)
    {
        var tags = new TagList { { "outcome", outcome }, { "matching", matching } };
        imports.Add(1, tags);
        roundTrips.Record(databaseRoundTrips, tags);
    }
}
