using System.Security.Cryptography.X509Certificates;
using Skn.V1;

namespace Skn.Node.Registry;

/// <summary>A participant as the registry knows it, with its certificates loaded.</summary>
public sealed record RegisteredParticipant
{
    /// <summary>OIN, 20 digits.</summary>
    public required string Oin { get; init; }

    /// <summary>KvK number, when known.</summary>
    public string KvkNummer { get; init; } = "";

    /// <summary>Organisation name.</summary>
    public required string Name { get; init; }

    /// <summary>SHV or SE.</summary>
    public required Role Role { get; init; }

    /// <summary>Attributes set by the operator.</summary>
    public IReadOnlySet<ParticipantAttribute> Attributes { get; init; } = new HashSet<ParticipantAttribute>();

    /// <summary>Active or suspended.</summary>
    public required ParticipantState State { get; init; }

    /// <summary>Public certificates with their uses.</summary>
    public IReadOnlyList<(X509Certificate2 Certificate, IReadOnlySet<CertificateUse> Uses)> Certificates { get; init; } = [];

    /// <summary>Whether the participant may use the exchange now.</summary>
    public bool IsActive => State == ParticipantState.Active;

    /// <summary>Whether the participant has an attribute.</summary>
    public bool Has(ParticipantAttribute attribute) => Attributes.Contains(attribute);

    /// <summary>Whether <paramref name="certificate"/> is one of this participant's TLS certificates.</summary>
    public bool OwnsTlsCertificate(X509Certificate2 certificate) =>
        Certificates.Any(c => c.Uses.Contains(CertificateUse.Tls) && c.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span));
}
