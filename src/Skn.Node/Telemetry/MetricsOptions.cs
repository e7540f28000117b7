namespace Skn.Node.Telemetry;

/// <summary>The Prometheus scrape endpoint and the load balancers' health endpoints (section "Skn:Metrics").</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// TCP port for plain HTTP on the node's listen address, serving <c>/metrics</c> (Prometheus text),
    /// <c>/healthz/live</c> and <c>/healthz/ready</c>; null switches it off (default: null). 0 picks a
    /// free port (tests). Keep it on an operator network: it needs no certificate.
    /// </summary>
    public int? Port { get; set; }
}
