namespace Skn.Node.Telemetry;

/// <summary>Export of metrics and traces over OTLP to a collector (section "Skn:Otlp").</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector's OTLP/gRPC address, for example <c>http://localhost:4317</c>; empty for no export (default: empty).</summary>
    public string Endpoint { get; set; } = "";
}
