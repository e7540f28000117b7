using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Skn.Node.Telemetry;

/// <summary>
/// The metrics port's Kestrel endpoint. Requests are told apart by the local port they arrived on,
/// so /metrics and /healthz answer only there and never on the participants' TLS port.
/// </summary>
internal sealed class MetricsEndpoint
{
    private ListenOptions? _listen;

    /// <summary>The port it is bound to: the configured one, or the one Kestrel picked for 0.</summary>
    public int Port => _listen?.IPEndPoint?.Port ?? 0;

    /// <summary>Remembers Kestrel's endpoint, which holds the bound port once the server has started.</summary>
    public void Bind(ListenOptions listen) => _listen = listen;

    public bool Serves(HttpContext context) => Port != 0 && context.Connection.LocalPort == Port;
}
