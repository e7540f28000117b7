using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;
using Skn.Node.Registry;

namespace Skn.Node.Hosting;

/// <summary>
/// The demo operator's certificate under <c>certs/operators/</c>, issued by the development CA like
/// a participant's (the operator is told apart by the registry, not by the certificate). Reused
/// while it is valid for another 30 days.
/// </summary>
internal static class DevelopmentOperator
{
    public const string FolderName = "operators";

    public static string CertificatePath(string certificatesDirectory) =>
        Path.Combine(certificatesDirectory, FolderName, DemoParticipants.Operator.Oin + ".pem");

    public static string KeyPath(string certificatesDirectory) =>
        Path.Combine(certificatesDirectory, FolderName, DemoParticipants.Operator.Oin + "-key.pem");

    /// <summary>Issues the certificate when it is missing or runs out soon; returns its path.</summary>
    public static string Ensure(string certificatesDirectory, TimeProvider time)
    {
        var certificatePath = CertificatePath(certificatesDirectory);
        var keyPath = KeyPath(certificatesDirectory);
        if (IsCurrent(certificatePath, keyPath, time))
        {
            return certificatePath;
        }

        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(certificatesDirectory, time);
        using var certificate = ca.IssueParticipantCertificate(DemoParticipants.Operator.Oin, DemoParticipants.Operator.Name);
        PemFiles.WriteCertificate(certificate, certificatePath, keyPath);
        return certificatePath;
    }

    private static bool IsCurrent(string certificatePath, string keyPath, TimeProvider time)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return false;
        }

        try
        {
            using var certificate = PemFiles.LoadCertificate(certificatePath);
            using var ca = PemFiles.LoadCertificate(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(certificatePath))!, DevelopmentCertificateAuthority.CertificateFileName));

            // Issued by the CA in use now: a CA made again after the certificate was issued makes it useless.
            var trust = new CertificateTrust(new X509Certificate2Collection(ca), time);
            return trust.Validate(certificate, null, CertificateUsage.ClientAuth).IsValid
                && certificate.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime + DevelopmentCertificateSet.RenewalMargin;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
