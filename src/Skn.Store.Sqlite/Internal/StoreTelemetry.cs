using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// The store's metrics (meter "Skn.Store.Sqlite") and spans (activity source of the same name):
/// per group commit its batch size and latency, and failed transactions; the database's size. No
/// attribute carries an OIN, a message id or content: only counts, sizes and outcomes (docs/metrics.md).
/// </summary>
internal sealed class StoreTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Skn.Store.Sqlite";

    /// <summary>Spans of the store. Static, as activity sources are process-wide by design.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly KeyValuePair<string, object?>[] Used = [new("skn.store.state", "used")];
    private static readonly KeyValuePair<string, object?>[] Free = [new("skn.store.state", "free")];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _commitFailures;

    /// <param name="meterFactory">
    /// The host's factory, so each node's meter is its own (tests run several nodes in one process);
    /// null for a meter the store owns (tests of the store alone).
    /// </param>
    public StoreTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _batchSize = _meter.CreateHistogram<int>(
            "skn.store.commit.batch_size", "{operation}", "Operations committed together in one transaction (one fsync).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitDuration = _meter.CreateHistogram<double>(
            "skn.store.commit.duration", "s", "Time from BEGIN IMMEDIATE to the end of COMMIT (the fsync) of one group commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5] });
        _commitFailures = _meter.CreateCounter<long>(
            "skn.store.commit.failures", "{transaction}", "Group commits that failed as a whole (nothing of them was stored).");
    }

    /// <summary>
    /// Adds the size gauges, read from <paramref name="readSize"/> at each collection (null: the
    /// store is closed, nothing is reported): <c>skn.store.usage</c> by state (used, free), as
    /// OpenTelemetry's <c>system.filesystem.usage</c> does, and <c>skn.store.limit</c> when
    /// <paramref name="limitBytes"/> is set.
    /// </summary>
    public void ObserveSize(Func<StoreSize?> readSize, long? limitBytes)
    {
        _meter.CreateObservableGauge(
            "skn.store.usage",
            () => readSize() is { } size
                ? [new Measurement<long>(size.UsedBytes, Used), new Measurement<long>(size.FreeBytes, Free)]
                : Array.Empty<Measurement<long>>(),
            "By",
            "The database's pages, in bytes, by state: used (envelopes, waiting bodies, the trail, indexes) or free (inside the file, reused by the next writes).");
        if (limitBytes is { } limit)
        {
            _meter.CreateObservableGauge(
                "skn.store.limit",
                () => limit,
                "By",
                "The most the database may hold (Skn:MaxDatabasePages), in bytes; sends stop a small reserve short of it.");
        }
    }

    /// <summary>The meter, for tests.</summary>
    internal Meter Meter => _meter;

    public void Committed(int batchSize, TimeSpan duration)
    {
        _batchSize.Record(batchSize);
        _commitDuration.Record(duration.TotalSeconds);
    }

    public void CommitFailed(string errorType) =>
        _commitFailures.Add(1, new KeyValuePair<string, object?>("error.type", errorType));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
