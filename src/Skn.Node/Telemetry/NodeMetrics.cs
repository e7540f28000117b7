using System.Diagnostics.Metrics;
using Skn.Domain.Storage;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Telemetry;

/// <summary>
/// The exchange's metrics, meter "Skn.Node": what was sent, delivered, acknowledged, expired and
/// refused, by bericht type (and reason); what waits now; open streams; how long a bericht waited
/// for its first delivery. Tags name types and reasons only, never a participant: an OIN as a tag
/// would be personal data for a sole trader and a new series per participant (docs/metrics.md).
/// </summary>
internal sealed class NodeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Skn.Node";

    private const string TypeTag = "skn.bericht_type";
    private const string ReasonTag = "skn.error_reason";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _rateLimited;
    private readonly UpDownCounter<long> _streams;
    private readonly Histogram<double> _deliveryLatency;

    public NodeMetrics(IMeterFactory meterFactory, IMessageStore store)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("skn.envelopes.sent", "{envelope}", "Envelopes stored by Send or BatchSend (a retried send counts once).");
        _delivered = meter.CreateCounter<long>("skn.envelopes.delivered", "{delivery}", "Deliveries written to FetchPending streams, redeliveries included.");
        _acknowledged = meter.CreateCounter<long>("skn.envelopes.acknowledged", "{envelope}", "Envelopes acknowledged by their recipient (content deleted).");
        _expired = meter.CreateCounter<long>("skn.envelopes.expired", "{envelope}", "Envelopes expired unacknowledged by the sweeper (content deleted).");
        _refused = meter.CreateCounter<long>("skn.sends.refused", "{send}", "Sends refused, by bericht type and error reason.");
        _rateLimited = meter.CreateCounter<long>("skn.calls.rate_limited", "{call}", "Calls refused because their caller's request budget was spent, by gRPC service and method.");
        _streams = meter.CreateUpDownCounter<long>("skn.fetch.streams", "{stream}", "FetchPending streams open now.");
        _deliveryLatency = meter.CreateHistogram<double>(
            "skn.delivery.latency", "s", "Time from a bericht's send to its first delivery.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600, 86400] });

        // Read from the store's running totals at each collection: no query per scrape.
        var pending = store.PendingCounts;
        meter.CreateObservableGauge("skn.envelopes.pending", () => pending.Total.Count, "{envelope}",
            "Envelopes waiting now: pending, delivered and not yet acknowledged, or set aside on a poison list.");
        meter.CreateObservableGauge("skn.envelopes.pending.size", () => pending.Total.Bytes, "By",
            "Sealed content bytes of the envelopes waiting now.");
    }

    public void Sent(BerichtType type) => _sent.Add(1, Type(type));

    public void Delivered(EnvelopeRecord envelope, DateTimeOffset now)
    {
        _delivered.Add(1, Type(envelope.Type));
        if (envelope.Attempts == 1)
        {
            _deliveryLatency.Record(Math.Max(0, (now - envelope.SendTime).TotalSeconds), Type(envelope.Type));
        }
    }

    public void Acknowledged(BerichtType type) => _acknowledged.Add(1, Type(type));

    public void Expired(BerichtType type) => _expired.Add(1, Type(type));

    public void Refused(BerichtType type, ErrorReason reason) =>
        _refused.Add(1, Type(type), new KeyValuePair<string, object?>(ReasonTag, RpcErrors.ReasonName(reason)));

    /// <summary>A call refused by the per-caller budget; <paramref name="method"/> is the gRPC path ("/skn.v1.ExchangeService/Send"), never who called.</summary>
    public void RateLimited(string method)
    {
        var slash = method.LastIndexOf('/');
        _rateLimited.Add(
            1,
            new KeyValuePair<string, object?>("rpc.service", slash > 0 ? method[1..slash] : "unknown"),
            new KeyValuePair<string, object?>("rpc.method", slash >= 0 ? method[(slash + 1)..] : method));
    }

    public void StreamOpened() => _streams.Add(1);

    public void StreamClosed() => _streams.Add(-1);

    /// <summary>The type's name in the contract's C# form ("Saldoverzoek"); "unknown" for a number the contract does not define, so bad input cannot mint new series.</summary>
    public static string TypeName(BerichtType type) => Enum.IsDefined(type) ? type.ToString() : "unknown";

    private static KeyValuePair<string, object?> Type(BerichtType type) => new(TypeTag, TypeName(type));
}
