using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Internal;

namespace Skn.Certificates;

/// <summary>
/// A certificate authority for development and tests only: its private key lives unencrypted in a PEM file next to its
/// certificate. It issues the node's TLS server certificate and one certificate per participant, which serves mutual TLS,
/// CMS signing and CMS key transport (RSA-OAEP). Production uses PKIoverheid certificates instead.
/// </summary>
public sealed class DevelopmentCertificateAuthority : IDisposable
{
    /// <summary>File name of the CA certificate inside the CA folder.</summary>
    public const string CertificateFileName = "ca.pem";

    /// <summary>File name of the CA private key (PKCS#8 PEM, mode 0600) inside the CA folder.</summary>
    public const string PrivateKeyFileName = "ca-key.pem";

    /// <summary>Subject of a newly created development CA.</summary>
    public const string SubjectName = "CN=Skn Development CA";

    internal static readonly TimeSpan CaValidity = TimeSpan.FromDays(3652);
    internal static readonly TimeSpan DefaultLeafValidity = TimeSpan.FromDays(730);

    /// <summary>How far notBefore is set back, so a peer whose clock is a little behind accepts a fresh certificate.</summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int CaKeySize = 3072;
    private const int LeafKeySize = 2048;

    private readonly RSA _key;
    private readonly TimeProvider _timeProvider;
    private bool _disposed;

    private DevelopmentCertificateAuthority(X509Certificate2 certificate, RSA key, string directory, TimeProvider timeProvider)
    {
        Certificate = certificate;
        _key = key;
        Directory = directory;
        _timeProvider = timeProvider;
    }

    /// <summary>The CA certificate, without private key. Use it as the trust anchor. Disposed with this authority.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Full path of the folder holding <see cref="CertificateFileName"/> and <see cref="PrivateKeyFileName"/>.</summary>
    public string Directory { get; }

    /// <summary>Full path of the CA certificate file.</summary>
    public string CertificatePath => Path.Combine(Directory, CertificateFileName);

    /// <summary>Full path of the CA private key file.</summary>
    public string PrivateKeyPath => Path.Combine(Directory, PrivateKeyFileName);

    /// <summary>
    /// Loads the CA from <c>ca.pem</c> and <c>ca-key.pem</c> in <paramref name="directory"/>, or creates both when neither
    /// exists (RSA 3072, <c>CN=Skn Development CA</c>, valid 10 years).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Only one of the two files exists, they cannot be read, they do not belong together, or the certificate is not a
    /// usable CA certificate.
    /// </exception>
    public static DevelopmentCertificateAuthority LoadOrCreate(string directory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        timeProvider ??= TimeProvider.System;
        var fullDirectory = Path.GetFullPath(directory);
        var certificatePath = Path.Combine(fullDirectory, CertificateFileName);
        var keyPath = Path.Combine(fullDirectory, PrivateKeyFileName);

        var haveCertificate = File.Exists(certificatePath);
        var haveKey = File.Exists(keyPath);
        if (haveCertificate != haveKey)
        {
            var (present, missing) = haveCertificate ? (certificatePath, keyPath) : (keyPath, certificatePath);
            throw new InvalidOperationException(
                $"The development CA in '{fullDirectory}' is incomplete: '{present}' exists but '{missing}' does not. " +
                "Restore the missing file, or delete the folder's certificates to generate a new development PKI.");
        }

        return haveCertificate
            ? Load(fullDirectory, certificatePath, keyPath, timeProvider)
            : Create(fullDirectory, certificatePath, keyPath, timeProvider);
    }

    /// <summary>
    /// Issues a TLS server certificate (RSA 2048, extended key usage serverAuth) for the given DNS names and IP addresses,
    /// valid for <paramref name="validity"/> (default 2 years). Returned with its private key, usable by SslStream.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(
        IEnumerable<string> dnsNames, IEnumerable<IPAddress> ipAddresses, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var names = dnsNames.ToList();
        var addresses = ipAddresses.ToList();
        if (names.Count == 0 && addresses.Count == 0)
        {
            throw new ArgumentException("A server certificate needs at least one DNS name or IP address.", nameof(dnsNames));
        }

        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("DNS names must not be empty.", nameof(dnsNames));
            }

            san.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            ArgumentNullException.ThrowIfNull(address, nameof(ipAddresses));
            san.AddIpAddress(address);
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names.Count > 0 ? names[0] : addresses[0].ToString());
        subject.AddOrganizationName("Skn Development");

        using var key = RSA.Create(LeafKeySize);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(Oids.ServerAuth) }, false));
        request.CertificateExtensions.Add(san.Build(critical: false));

        return Issue(request, key, validity, notBefore: null);
    }

    /// <summary>
    /// Issues a participant certificate (RSA 2048) with subject <see cref="ParticipantIdentity.BuildSubject"/>, key usage
    /// digitalSignature, keyEncipherment and dataEncipherment, and extended key usage clientAuth and emailProtection, so
    /// the one certificate serves mutual TLS, CMS signing and CMS key transport. Returned with its private key.
    /// </summary>
    /// <param name="oin">The participant's 20-digit OIN.</param>
    /// <param name="organisationName">Name put in CN and O.</param>
    /// <param name="validity">Lifetime from <paramref name="notBefore"/>; default 2 years.</param>
    /// <param name="notBefore">Start of validity; default now minus 5 minutes. Tests use it for expired or future certificates.</param>
    public X509Certificate2 IssueParticipantCertificate(
        string oin, string organisationName, TimeSpan? validity = null, DateTimeOffset? notBefore = null)
    {
        var subject = ParticipantIdentity.BuildSubject(oin, organisationName);
        ObjectDisposedException.ThrowIf(_disposed, this);

        using var key = RSA.Create(LeafKeySize);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment,
            true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(Oids.ClientAuth), new Oid(Oids.EmailProtection) }, false));

        return Issue(request, key, validity, notBefore);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _key.Dispose();
        Certificate.Dispose();
    }

    private X509Certificate2 Issue(CertificateRequest request, RSA key, TimeSpan? validity, DateTimeOffset? notBefore)
    {
        var lifetime = validity ?? DefaultLeafValidity;
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "The validity must be positive.");
        }

        var start = TruncateToSeconds(notBefore ?? _timeProvider.GetUtcNow() - ClockSkew);
        var end = TruncateToSeconds(start + lifetime);

        // A certificate must not outlive its issuer: a chain is only valid while every certificate in it is.
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (end > caNotAfter)
        {
            end = caNotAfter;
        }

        if (end <= start)
        {
            throw new InvalidOperationException(
                $"The development CA expires {caNotAfter:u}, before the requested start of validity {start:u}.");
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(GetSubjectKeyIdentifier(Certificate)));

        var generator = X509SignatureGenerator.CreateForRSA(_key, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(Certificate.SubjectName, generator, start, end, NewSerialNumber());
        return CertificateMaterial.WithPrivateKey(issued, key);
    }

    private static DevelopmentCertificateAuthority Create(
        string directory, string certificatePath, string keyPath, TimeProvider timeProvider)
    {
        var key = RSA.Create(CaKeySize);
        try
        {
            var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

            var notBefore = TruncateToSeconds(timeProvider.GetUtcNow() - ClockSkew);
            using var selfSigned = request.Create(
                request.SubjectName,
                X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
                notBefore,
                notBefore + CaValidity,
                NewSerialNumber());

            // Key first: if the process dies in between, LoadOrCreate reports the half-written CA instead of silently
            // creating a certificate whose key is lost.
            var pkcs8 = key.ExportPkcs8PrivateKey();
            try
            {
                AtomicFile.WriteAllText(keyPath, PemEncoding.WriteString("PRIVATE KEY", pkcs8) + "\n", privateFile: true);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }

            AtomicFile.WriteAllText(certificatePath, CertificateMaterial.ToCertificatePem(selfSigned), privateFile: false);

            return new DevelopmentCertificateAuthority(
                CertificateMaterial.PublicOnly(selfSigned), key, directory, timeProvider);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static DevelopmentCertificateAuthority Load(
        string directory, string certificatePath, string keyPath, TimeProvider timeProvider)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = PemFiles.LoadCertificate(certificatePath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Cannot read the development CA certificate '{certificatePath}': {ex.Message}", ex);
        }

        var key = RSA.Create();
        try
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(keyPath));
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                throw new InvalidOperationException(
                    $"Cannot read the development CA private key '{keyPath}' as an unencrypted RSA key in PEM: {ex.Message}", ex);
            }

            using (var publicKey = certificate.GetRSAPublicKey())
            {
                if (publicKey is null
                    || !publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                {
                    throw new InvalidOperationException(
                        $"The development CA private key '{keyPath}' does not belong to the certificate '{certificatePath}'. " +
                        "Restore the matching pair, or delete both to generate a new development PKI.");
                }
            }

            var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (constraints is null || !constraints.CertificateAuthority)
            {
                throw new InvalidOperationException(
                    $"'{certificatePath}' is not a CA certificate (basicConstraints CA:TRUE is missing).");
            }

            var now = timeProvider.GetUtcNow();
            if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            {
                throw new InvalidOperationException(
                    $"The development CA '{certificatePath}' expired on {certificate.NotAfter.ToUniversalTime():u}. " +
                    "Delete the folder's certificates to generate a new development PKI.");
            }

            return new DevelopmentCertificateAuthority(certificate, key, directory, timeProvider);
        }
        catch
        {
            key.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    private static byte[] GetSubjectKeyIdentifier(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? new X509SubjectKeyIdentifierExtension(certificate.PublicKey, false);
        return extension.SubjectKeyIdentifierBytes.ToArray();
    }

    /// <summary>16 random bytes, positive, and with a non-zero first byte so the encoding keeps all 16 bytes.</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
