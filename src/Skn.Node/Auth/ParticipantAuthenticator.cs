using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Skn.Certificates;
using Skn.Node.Hosting;
using Skn.Node.Registry;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Auth;

/// <summary>
/// Maps a call's client certificate to a participant of the registry. The TLS layer only asks for a
/// certificate; this is where it is judged, so that a refused caller gets a gRPC status that says
/// why (missing, expired, unknown, suspended) instead of a bare handshake failure.
/// </summary>
internal sealed class ParticipantAuthenticator
{
    /// <summary>The header that names the caller on a plaintext benchmark node (no certificates there).</summary>
    public const string BenchmarkOinHeader = "skn-benchmark-oin";

    private const int MaxCachedChains = 10_000;

    private readonly ParticipantRegistry _registry;
    private readonly CertificateTrust? _trust;
    private readonly TimeProvider _time;
    private readonly bool _plaintext;

    // Building a chain costs far more than a call; a certificate's chain verdict does not change while
    // it is within its validity period, which is checked on every call anyway.
    private readonly ConcurrentDictionary<string, CertificateValidationResult> _chainVerdicts = new(StringComparer.Ordinal);

    public ParticipantAuthenticator(ParticipantRegistry registry, IOptions<NodeOptions> options, TimeProvider time)
    {
        _registry = registry;
        _time = time;
        _plaintext = options.Value.BenchmarkPlaintext;
        if (!_plaintext)
        {
            _trust = new CertificateTrust(PemFiles.LoadCertificates(options.Value.ResolvedTrustedCaPath), time);
        }
    }

    /// <summary>The participant making the call; refuses operators, unknown and suspended callers.</summary>
    public RegisteredParticipant Authenticate(ServerCallContext context)
    {
        var (oin, certificate, who) = Identify(context);
        var participant = oin is null ? null : _registry.Find(oin);
        if (participant is not null && certificate is not null && !participant.OwnsTlsCertificate(certificate))
        {
            // A valid certificate with a known OIN, but not the one registered: treat it as unknown.
            participant = null;
        }

        if (participant is null && oin is not null && _registry.FindOperator(oin) is { } operatorEntry
            && (certificate is null || operatorEntry.OwnsTlsCertificate(certificate)))
        {
            RpcErrors.Throw(StatusCode.PermissionDenied, ErrorReason.ParticipantOnly,
                $"The {who} is the node operator's ({oin}); an operator is not a participant and cannot use the exchange or the directory. Use OperatorService.");
        }

        return Admit(participant, who);
    }

    /// <summary>The operator making the call; refuses participants and unknown callers.</summary>
    public RegisteredOperator AuthenticateOperator(ServerCallContext context)
    {
        var (oin, certificate, who) = Identify(context);
        var operatorEntry = oin is null ? null : _registry.FindOperator(oin);
        if (operatorEntry is not null && (certificate is null || operatorEntry.OwnsTlsCertificate(certificate)))
        {
            return operatorEntry;
        }

        var participant = oin is null ? null : _registry.Find(oin);
        if (participant is not null && (certificate is null || participant.OwnsTlsCertificate(certificate)))
        {
            RpcErrors.Throw(StatusCode.PermissionDenied, ErrorReason.OperatorOnly,
                $"The {who} is participant {oin}'s; OperatorService accepts only the node operator's certificates.");
        }

        RpcErrors.Throw(StatusCode.Unauthenticated, ErrorReason.CertificateUnknown,
            $"The {who} does not belong to a registered operator.");
        return null!;
    }

    /// <summary>
    /// Checks the call's certificate (chain to a trusted CA, validity now) and reads the OIN it
    /// names; on a plaintext benchmark node the OIN comes from a header and there is no certificate.
    /// </summary>
    private (string? Oin, X509Certificate2? Certificate, string Who) Identify(ServerCallContext context)
    {
        if (_plaintext)
        {
            var headerOin = context.RequestHeaders.GetValue(BenchmarkOinHeader) ?? "";
            return (headerOin, null, $"OIN '{headerOin}'");
        }

        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificate is null)
        {
            RpcErrors.Throw(StatusCode.Unauthenticated, ErrorReason.CertificateMissing,
                "The exchange needs a client certificate (mutual TLS); the connection presented none.");
        }

        var verdict = ValidateChain(certificate);
        if (!verdict.IsValid)
        {
            var reason = verdict.Problem is CertificateProblem.Expired or CertificateProblem.NotYetValid
                ? ErrorReason.CertificateExpired
                : ErrorReason.CertificateUnknown;
            RpcErrors.Throw(StatusCode.Unauthenticated, reason, $"The client certificate is not accepted: {verdict.Description}");
        }

        // The chain verdict is cached, so the validity period is checked on every call.
        var now = _time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            RpcErrors.Throw(StatusCode.Unauthenticated, ErrorReason.CertificateExpired,
                $"The client certificate is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now.");
        }

        return (ParticipantIdentity.GetOin(certificate), certificate, $"certificate '{certificate.Subject}'");
    }

    private static RegisteredParticipant Admit(RegisteredParticipant? participant, string who)
    {
        if (participant is null)
        {
            RpcErrors.Throw(StatusCode.Unauthenticated, ErrorReason.CertificateUnknown,
                $"The {who} does not belong to a registered participant.");
        }

        if (!participant.IsActive)
        {
            RpcErrors.Throw(StatusCode.PermissionDenied, ErrorReason.ParticipantSuspended,
                $"Participant {participant.Oin} is suspended by the node's operator.");
        }

        return participant;
    }

    private CertificateValidationResult ValidateChain(X509Certificate2 certificate)
    {
        var key = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        if (_chainVerdicts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var verdict = _trust!.Validate(certificate, null, CertificateUsage.ClientAuth);
        if (_chainVerdicts.Count >= MaxCachedChains)
        {
            _chainVerdicts.Clear();
        }

        _chainVerdicts[key] = verdict;
        return verdict;
    }
}
