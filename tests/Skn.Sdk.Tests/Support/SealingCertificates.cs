using System.Net;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;

namespace Skn.Sdk.Tests.Support;

/// <summary>
/// A development CA and three participants (sender, recipient, outsider), created once per test class
/// with <see cref="DevelopmentCertificateSet"/> in a fresh temp folder that is deleted on dispose.
/// RSA key generation takes a moment, which is why the set is shared by the tests of a class.
/// </summary>
public sealed class SealingCertificates : IDisposable
{
    // The organisation names have the same length on purpose: the participant certificates then have
    // the same DER length, so a test can splice one certificate in place of another (see the openssl
    // interop tests, which forge a signature claiming the sender's certificate).
    private static readonly (string Oin, string Name)[] Participants =
    [
        ("00000099000000000201", "Participant A"),
        ("00000099000000000101", "Participant B"),
        ("00000099000000000202", "Participant C"),
    ];

    public SealingCertificates()
    {
        Directory = Path.Combine(Path.GetTempPath(), "skn-sdk-sealing-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var set = DevelopmentCertificateSet.Ensure(Directory, Participants, ["localhost"], [IPAddress.Loopback]);
            CaCertificatePath = set.CaCertificatePath;
            Sender = Load(set, Participants[0]);
            Recipient = Load(set, Participants[1]);
            Outsider = Load(set, Participants[2]);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The temp folder holding the set; tests put their scratch files in sub-folders of it.</summary>
    public string Directory { get; }

    /// <summary>Full path of ca.pem, the trust anchor for openssl -CAfile.</summary>
    public string CaCertificatePath { get; } = "";

    /// <summary>Participant A: the sender of the berichten in the tests (a creditor answering).</summary>
    public SealingParticipant Sender { get; } = null!;

    /// <summary>Participant B: the recipient.</summary>
    public SealingParticipant Recipient { get; } = null!;

    /// <summary>Participant C: a third participant, neither sender nor recipient of the bericht.</summary>
    public SealingParticipant Outsider { get; } = null!;

    /// <summary>A new, empty sub-folder of <see cref="Directory"/> for one test's files.</summary>
    public string NewScratchFolder()
    {
        var path = Path.Combine(Directory, "scratch-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        Sender?.Dispose();
        Recipient?.Dispose();
        Outsider?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created, or already gone.
        }
    }

    private static SealingParticipant Load(DevelopmentCertificateSet set, (string Oin, string Name) participant)
    {
        var certificatePath = set.ParticipantCertificatePath(participant.Oin);
        var keyPath = set.ParticipantKeyPath(participant.Oin);
        return new SealingParticipant(
            participant.Oin,
            certificatePath,
            keyPath,
            PemFiles.LoadCertificate(certificatePath, keyPath),
            PemFiles.LoadCertificate(certificatePath));
    }
}

/// <summary>One participant of <see cref="SealingCertificates"/>: its files and its certificate twice.</summary>
/// <param name="Oin">The participant's OIN.</param>
/// <param name="CertificatePath">participants/&lt;oin&gt;.pem.</param>
/// <param name="KeyPath">participants/&lt;oin&gt;-key.pem.</param>
/// <param name="WithKey">The certificate with its private key: what the participant itself holds.</param>
/// <param name="Public">The certificate alone: what the others get from the directory.</param>
public sealed record SealingParticipant(string Oin, string CertificatePath, string KeyPath, X509Certificate2 WithKey, X509Certificate2 Public) : IDisposable
{
    public void Dispose()
    {
        WithKey.Dispose();
        Public.Dispose();
    }
}
