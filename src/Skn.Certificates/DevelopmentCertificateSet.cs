using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skn.Certificates;

/// <summary>
/// The development PKI on disk: a development CA, the node's TLS server certificate and one certificate per participant,
/// all as PEM files that grpcurl and openssl can use.
/// <code>
/// ca.pem, ca-key.pem
/// server.pem, server-key.pem
/// participants/&lt;oin&gt;.pem, participants/&lt;oin&gt;-key.pem
/// </code>
/// Private keys are unencrypted PKCS#8 with mode 0600 on Unix.
/// </summary>
public sealed class DevelopmentCertificateSet : IDisposable
{
    /// <summary>File name of the server certificate.</summary>
    public const string ServerCertificateFileName = "server.pem";

    /// <summary>File name of the server private key.</summary>
    public const string ServerKeyFileName = "server-key.pem";

    /// <summary>Sub-folder holding the participant certificates and keys.</summary>
    public const string ParticipantsFolderName = "participants";

    /// <summary>Certificates that expire within this period are re-issued by <see cref="Ensure"/>.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(30);

    private DevelopmentCertificateSet(string directory, X509Certificate2 caCertificate)
    {
        Directory = directory;
        CaCertificate = caCertificate;
    }

    /// <summary>Full path of the folder holding the set.</summary>
    public string Directory { get; }

    /// <summary>The development CA certificate (no private key): the trust anchor for everything in the set.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>Full path of <c>ca.pem</c>, for example for <c>grpcurl -cacert</c>.</summary>
    public string CaCertificatePath => Path.Combine(Directory, DevelopmentCertificateAuthority.CertificateFileName);

    /// <summary>Full path of <c>server.pem</c>.</summary>
    public string ServerCertificatePath => Path.Combine(Directory, ServerCertificateFileName);

    /// <summary>Full path of <c>server-key.pem</c>.</summary>
    public string ServerKeyPath => Path.Combine(Directory, ServerKeyFileName);

    /// <summary>
    /// Makes sure <paramref name="directory"/> holds a complete, current development PKI and returns it. Idempotent: the CA
    /// is created only when both its files are missing; a server or participant certificate is kept when it and its key
    /// can be read, belong together, were issued by this CA, still carry the requested names and do not expire within
    /// <see cref="RenewalMargin"/>; otherwise it is (re)issued.
    /// </summary>
    /// <param name="directory">Folder of the set; created when missing.</param>
    /// <param name="participants">Demo participants: OIN (20 digits) and organisation name.</param>
    /// <param name="serverDnsNames">DNS names for the server certificate, for example <c>localhost</c>.</param>
    /// <param name="serverIps">IP addresses for the server certificate, for example 127.0.0.1 and ::1.</param>
    /// <param name="timeProvider">Clock; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="InvalidOperationException">The CA files are incomplete or inconsistent (see <see cref="DevelopmentCertificateAuthority.LoadOrCreate"/>).</exception>
    public static DevelopmentCertificateSet Ensure(
        string directory,
        IEnumerable<(string Oin, string Name)> participants,
        IEnumerable<string> serverDnsNames,
        IEnumerable<IPAddress> serverIps,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(serverDnsNames);
        ArgumentNullException.ThrowIfNull(serverIps);
        timeProvider ??= TimeProvider.System;

        var participantList = participants.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (oin, name) in participantList)
        {
            // Validates both before anything is written.
            _ = ParticipantIdentity.BuildSubject(oin, name);
            if (!seen.Add(oin))
            {
                throw new ArgumentException($"Participant OIN {oin} is listed more than once.", nameof(participants));
            }
        }

        var dnsNames = serverDnsNames.ToList();
        var ips = serverIps.ToList();
        if (dnsNames.Count == 0 && ips.Count == 0)
        {
            throw new ArgumentException("The server certificate needs at least one DNS name or IP address.", nameof(serverDnsNames));
        }

        var fullDirectory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(fullDirectory);

        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(fullDirectory, timeProvider);
        var trust = new CertificateTrust(new X509Certificate2Collection(ca.Certificate), timeProvider);
        var set = new DevelopmentCertificateSet(fullDirectory, X509CertificateLoader.LoadCertificate(ca.Certificate.RawData));

        try
        {
            var serverOk = IsCurrent(
                set.ServerCertificatePath, set.ServerKeyPath, trust, CertificateUsage.ServerAuth, timeProvider,
                certificate => CoversNames(certificate, dnsNames, ips));
            if (!serverOk)
            {
                using var server = ca.IssueServerCertificate(dnsNames, ips);
                PemFiles.WriteCertificate(server, set.ServerCertificatePath, set.ServerKeyPath);
            }

            foreach (var (oin, name) in participantList)
            {
                var certificatePath = set.ParticipantCertificatePath(oin);
                var keyPath = set.ParticipantKeyPath(oin);
                var expectedSubject = ParticipantIdentity.BuildSubject(oin, name).RawData;
                var participantOk = IsCurrent(
                    certificatePath, keyPath, trust, CertificateUsage.ClientAuth, timeProvider,
                    certificate => certificate.SubjectName.RawData.AsSpan().SequenceEqual(expectedSubject));
                if (!participantOk)
                {
                    using var participant = ca.IssueParticipantCertificate(oin, name);
                    PemFiles.WriteCertificate(participant, certificatePath, keyPath);
                }
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>Full path of <c>participants/&lt;oin&gt;.pem</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="oin"/> is not 20 ASCII digits (which also keeps it a safe file name).</exception>
    public string ParticipantCertificatePath(string oin) =>
        Path.Combine(Directory, ParticipantsFolderName, CheckedOin(oin) + ".pem");

    /// <summary>Full path of <c>participants/&lt;oin&gt;-key.pem</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="oin"/> is not 20 ASCII digits.</exception>
    public string ParticipantKeyPath(string oin) =>
        Path.Combine(Directory, ParticipantsFolderName, CheckedOin(oin) + "-key.pem");

    /// <summary>Loads a participant certificate with its private key (usable for mutual TLS and CMS).</summary>
    public X509Certificate2 LoadParticipant(string oin) =>
        PemFiles.LoadCertificate(ParticipantCertificatePath(oin), ParticipantKeyPath(oin));

    /// <summary>Loads the server certificate with its private key (usable as SslStream/Kestrel server certificate).</summary>
    public X509Certificate2 LoadServer() => PemFiles.LoadCertificate(ServerCertificatePath, ServerKeyPath);

    /// <inheritdoc />
    public void Dispose() => CaCertificate.Dispose();

    private static string CheckedOin(string oin)
    {
        ArgumentNullException.ThrowIfNull(oin);
        if (!ParticipantIdentity.IsValidOin(oin))
        {
            throw new ArgumentException($"An OIN is exactly {ParticipantIdentity.OinLength} ASCII digits; got '{oin}'.", nameof(oin));
        }

        return oin;
    }

    private static bool IsCurrent(
        string certificatePath,
        string keyPath,
        CertificateTrust trust,
        CertificateUsage usage,
        TimeProvider timeProvider,
        Func<X509Certificate2, bool> matches)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return false;
        }

        X509Certificate2 certificate;
        try
        {
            // Loading with the key also proves that the two files belong together.
            certificate = PemFiles.LoadCertificate(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return false;
        }

        using (certificate)
        {
            var renewAfter = timeProvider.GetUtcNow() + RenewalMargin;
            return trust.Validate(certificate, usage: usage).IsValid
                && certificate.NotAfter.ToUniversalTime() > renewAfter.UtcDateTime
                && matches(certificate);
        }
    }

    private static bool CoversNames(X509Certificate2 certificate, List<string> dnsNames, List<IPAddress> ips)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }

        var presentNames = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var presentIps = san.EnumerateIPAddresses().ToHashSet();
        return dnsNames.All(presentNames.Contains) && ips.All(presentIps.Contains);
    }
}
