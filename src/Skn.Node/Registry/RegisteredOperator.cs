using System.Security.Cryptography.X509Certificates;

namespace Skn.Node.Registry;

/// <summary>
/// An operator (beheerder) of the node as the registry knows it. Not a participant: it cannot send,
/// fetch or appear in the directory, and participants cannot call what it calls.
/// </summary>
public sealed record RegisteredOperator
{
    /// <summary>OIN, 20 digits.</summary>
    public required string Oin { get; init; }

    /// <summary>Name of the operator (organisation or team).</summary>
    public required string Name { get; init; }

    /// <summary>Public TLS certificates the operator connects with.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; init; } = [];

    /// <summary>Whether <paramref name="certificate"/> is one of this operator's certificates.</summary>
    public bool OwnsTlsCertificate(X509Certificate2 certificate) =>
        Certificates.Any(c => c.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span));
}
