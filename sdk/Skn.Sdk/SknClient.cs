using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Skn.Certificates;
using Skn.Domain.Calendar;
using Skn.Sdk.Receiving;
using Skn.Sdk.Transport;

namespace Skn.Sdk;

/// <summary>
/// A participant's connection to the Skn node: sends berichten sealed for their recipient, receives
/// and opens the participant's own, and reads its trail. Thread-safe; create one per participant and
/// keep it for the life of the application (or register it with
/// <see cref="SknServiceCollectionExtensions.AddSknClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{SknClientOptions})"/>).
/// </summary>
public sealed partial class SknClient : IAsyncDisposable
{
    private readonly SknClientOptions _options;
    private readonly NodeConnection _connection;
    private readonly RpcInvoker _invoker;
    private readonly AcknowledgementBatcher _acknowledgements;
    private readonly WorkingDayCalendar _calendar = new();
    private readonly ILogger _logger;

    /// <summary>Creates the client; no connection is made until the first call.</summary>
    /// <exception cref="ArgumentException">The options are incomplete or wrong; the message names each problem.</exception>
    public SknClient(SknClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger("Skn.Sdk") ?? NullLogger.Instance;
        Oin = ParticipantIdentity.GetOin(options.Certificate!)!;
        _connection = new NodeConnection(options);
        _invoker = new RpcInvoker(options, _logger);
        Directory = new SknDirectory(_connection, _invoker, options);
        _acknowledgements = new AcknowledgementBatcher(_connection, _invoker, _logger);
    }

    /// <summary>Our own OIN, read from the certificate.</summary>
    public string Oin { get; }

    /// <summary>The node's directory, cached.</summary>
    public SknDirectory Directory { get; }

    /// <summary>Sends the acknowledgements still queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _acknowledgements.DisposeAsync();
        _connection.Dispose();
    }
}
