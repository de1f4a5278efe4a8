using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace QuickImport.Api.Observability;

/// <summary>The "QuickImport" meter: what each import ended with and what it cost the database.</summary>
public sealed class ImportMetrics
{
    public const string MeterName = "QuickImport";
    public const string ImportsName = "quickimport.imports";
    public const string RoundTripsName = "quickimport.import.db_round_trips";

    private readonly Counter<long> imports;
    private readonly Histogram<int> roundTrips;

    public ImportMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        imports = meter.CreateCounter<long>(
            ImportsName,
            unit: "{import}",
            description: "Import requests answered, by outcome (created, updated, duplicate or the HTTP status) and matching mode.");
        roundTrips = meter.CreateHistogram(
            RoundTripsName,
            unit: "{round_trip}",
            description: "Database commands (round trips) one import request sent, by outcome and matching mode.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50] });
    }

    public void Answered(string outcome, string matching, int databaseRoundTrips)
    {
        var tags = new TagList { { "outcome", outcome }, { "matching", matching } };
        imports.Add(1, tags);
        roundTrips.Record(databaseRoundTrips, tags);
    }
}
