using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Grpc.Core;
using Skn.Certificates;
using Skn.V1;

namespace Skn.Reliability.Tests.Authorization;

/// <summary>Who calls, in the authorization matrix.</summary>
public enum Caller
{
    /// <summary>The Gemeente, an active SHV, with its registered certificate.</summary>
    Shv,

    /// <summary>The Woonstichting, an active SE with Verlengen afhandeltermijn, with its registered certificate.</summary>
    Se,

    /// <summary>Incassobureau Gesloten with its registered certificate, suspended by the operator.</summary>
    Suspended,

    /// <summary>A certificate naming the Woonstichting's OIN, issued by a CA the node does not trust.</summary>
    ForeignCa,

    /// <summary>A certificate naming the Woonstichting's OIN, issued by the node's own CA, but not the one in the registry.</summary>
    UnregisteredCertificate,

    /// <summary>A certificate from the node's own CA for an OIN that is not in the registry.</summary>
    UnregisteredOin,

    /// <summary>TLS without a client certificate.</summary>
    NoCertificate,

    /// <summary>The node's operator (beheerder) with its registered certificate: not a participant.</summary>
    Operator,
}

/// <summary>
/// The node for the matrix, with a certificate for every <see cref="Caller"/>, and helpers that put an
/// envelope in a participant's mailbox and hand out its delivery token.
/// </summary>
public sealed class MatrixNode : IAsyncLifetime
{
    public const string UnregisteredOin = "00000099000000000999";

    private readonly Dictionary<Caller, X509Certificate2?> _certificates = [];

    public TestNode Node { get; private set; } = null!;

    /// <summary>The OIN each caller claims to be (its "own" mailbox); none for a caller without a certificate.</summary>
    public static string? ClaimedOin(Caller caller) => caller switch
    {
        Caller.Shv => Demo.Gemeente,
        Caller.Se or Caller.ForeignCa or Caller.UnregisteredCertificate => Demo.Woonstichting,
        Caller.Suspended => Demo.Suspended,
        Caller.UnregisteredOin => UnregisteredOin,
        _ => null,
    };

    /// <summary>Whose envelopes count as "another participant's" for a caller: one of the same role.</summary>
    public static string OtherOin(Caller caller) => caller == Caller.Shv ? Demo.Kredietbank : Demo.EnergieNoord;

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync();
        using var nodeCa = DevelopmentCertificateAuthority.LoadOrCreate(Node.CertificatesDirectory, Node.CertificateClock);
        using var foreignCa = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(Node.DataDirectory, "foreign-ca"), Node.CertificateClock);
        var notBefore = Node.CertificateClock.GetUtcNow();
        _certificates[Caller.Shv] = Node.ParticipantCertificate(Demo.Gemeente);
        _certificates[Caller.Se] = Node.ParticipantCertificate(Demo.Woonstichting);
        _certificates[Caller.Suspended] = Node.ParticipantCertificate(Demo.Suspended);
        _certificates[Caller.ForeignCa] = foreignCa.IssueParticipantCertificate(Demo.Woonstichting, "Woonstichting De Sleutel", TimeSpan.FromDays(3650), notBefore);
        _certificates[Caller.UnregisteredCertificate] = nodeCa.IssueParticipantCertificate(Demo.Woonstichting, "Woonstichting De Sleutel", TimeSpan.FromDays(3650), notBefore);
        _certificates[Caller.UnregisteredOin] = nodeCa.IssueParticipantCertificate(UnregisteredOin, "Nobody B.V.", TimeSpan.FromDays(3650), notBefore);
        _certificates[Caller.NoCertificate] = null;

        // The suspended participant had a life before: an envelope reached its mailbox and was
        // delivered to it while it was active. Then the operator suspended it.
        SetState(Demo.Suspended, "ACTIVE");
        SuspendedOwnEnvelope = await PendingForAsync(Demo.Suspended);
        SuspendedOwnToken = await TokenAsync(Demo.Suspended, SuspendedOwnEnvelope);
        SetState(Demo.Suspended, "SUSPENDED");
    }

    /// <summary>An envelope in the suspended participant's mailbox, delivered before the suspension.</summary>
    public string SuspendedOwnEnvelope { get; private set; } = "";

    public string SuspendedOwnToken { get; private set; } = "";

    public async Task DisposeAsync() => await Node.DisposeAsync();

    public ExchangeService.ExchangeServiceClient Exchange(Caller caller) => new(Channel(caller));

    public DirectoryService.DirectoryServiceClient Directory(Caller caller) => new(Channel(caller));

    public OperatorService.OperatorServiceClient Operator(Caller caller) => new(Channel(caller));

    /// <summary>Sends a new envelope to <paramref name="oin"/>'s mailbox and returns its message id.</summary>
    public async Task<string> PendingForAsync(string oin)
    {
        if (oin is Demo.Gemeente or Demo.Kredietbank)
        {
            // An SHV receives answers: a creditor answers the SHV's Kennisgeving.
            var kennisgeving = await Node.Exchange(oin).SendAsync(Demo.Envelope(BerichtType.Kennisgeving, Demo.Belasting));
            var answer = await Node.Exchange(Demo.Belasting).SendAsync(Demo.Envelope(BerichtType.KennisgevingAntwoord, oin, inReplyTo: kennisgeving.MessageId));
            return answer.MessageId;
        }

        return (await Node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, oin))).MessageId;
    }

    /// <summary>Delivers <paramref name="messageId"/> to its recipient (a snapshot fetch: no lease) and returns the delivery token.</summary>
    public async Task<string> TokenAsync(string oin, string messageId)
    {
        using var call = Node.Exchange(oin).FetchPending(new FetchPendingRequest { Snapshot = true }, Demo.Call);
        string? token = null;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Delivery?.Envelope.MessageId == messageId)
            {
                token = response.Delivery.DeliveryToken;
            }
        }

        return token ?? throw new InvalidOperationException($"{messageId} was not delivered to {oin}.");
    }

    private Grpc.Net.Client.GrpcChannel Channel(Caller caller) =>
        caller switch
        {
            Caller.Shv => Node.Channel(Demo.Gemeente),
            Caller.Se => Node.Channel(Demo.Woonstichting),
            Caller.Suspended => Node.Channel(Demo.Suspended),
            Caller.NoCertificate => Node.Channel(null),
            Caller.Operator => Node.Channel(Demo.Operator, Node.OperatorCertificate),
            _ => Node.Channel("matrix-" + caller, _certificates[caller]),
        };

    private void SetState(string oin, string state)
    {
        var registry = JsonNode.Parse(File.ReadAllText(Node.RegistryPath))!;
        registry["participants"]!.AsArray().Single(p => (string?)p!["oin"] == oin)!["state"] = state;
        File.WriteAllText(Node.RegistryPath, registry.ToJsonString());
        if (!Node.ReloadRegistry())
        {
            throw new InvalidOperationException("The registry edit was refused.");
        }
    }
}
