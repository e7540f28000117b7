using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Internal;

namespace Skn.Certificates;

/// <summary>
/// Reads and writes certificates and private keys as PEM files, in the formats grpcurl and openssl read:
/// certificates as <c>-----BEGIN CERTIFICATE-----</c>, private keys as unencrypted PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>).
/// </summary>
public static class PemFiles
{
    /// <summary>
    /// Writes the certificate to <paramref name="certificatePath"/> and, when <paramref name="privateKeyPath"/> is given,
    /// its private key to that path. Each file is written atomically (temporary file, then rename); the key file gets
    /// mode 0600 on Unix. The key is written first, so an interrupted write never leaves a certificate without its key.
    /// Missing folders are created.
    /// </summary>
    /// <exception cref="ArgumentException">A key path is given but the certificate has no (exportable RSA or ECDSA) private key.</exception>
    public static void WriteCertificate(X509Certificate2 cert, string certificatePath, string? privateKeyPath)
    {
        ArgumentNullException.ThrowIfNull(cert);
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        if (privateKeyPath is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPath);
            if (!cert.HasPrivateKey)
            {
                throw new ArgumentException(
                    $"A private key file '{privateKeyPath}' was asked for, but the certificate has no private key.", nameof(cert));
            }

            if (Path.GetFullPath(privateKeyPath) == Path.GetFullPath(certificatePath))
            {
                throw new ArgumentException("The certificate and the private key must go to different files.", nameof(privateKeyPath));
            }

            AtomicFile.WriteAllText(privateKeyPath, CertificateMaterial.ToPrivateKeyPem(cert), privateFile: true);
        }

        AtomicFile.WriteAllText(certificatePath, CertificateMaterial.ToCertificatePem(cert), privateFile: false);
    }

    /// <summary>
    /// Loads the (first) certificate in <paramref name="certificatePath"/>; with <paramref name="privateKeyPath"/> also its
    /// private key (PKCS#8, PKCS#1 or SEC1 PEM). A certificate with key is usable as an SslStream certificate.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="CryptographicException">A file cannot be read as PEM, or the key does not belong to the certificate.</exception>
    public static X509Certificate2 LoadCertificate(string certificatePath, string? privateKeyPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        if (privateKeyPath is null)
        {
            var all = LoadCertificates(certificatePath);
            for (var i = 1; i < all.Count; i++)
            {
                all[i].Dispose();
            }

            return all[0];
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPath);
        var certificatePem = File.ReadAllText(certificatePath);
        var keyPem = File.ReadAllText(privateKeyPath);
        X509Certificate2 combined;
        try
        {
            combined = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException ex)
        {
            throw new CryptographicException(
                $"Cannot load certificate '{certificatePath}' with private key '{privateKeyPath}': {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // CreateFromPem reports "no PEM found" / "not a supported key" as ArgumentException.
            throw new CryptographicException(
                $"Cannot load certificate '{certificatePath}' with private key '{privateKeyPath}': {ex.Message}", ex);
        }

        using (combined)
        {
            return CertificateMaterial.ToPersistableCertificate(combined);
        }
    }

    /// <summary>Loads every certificate in a PEM bundle, in file order (for example a CA bundle of trust anchors).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CryptographicException">The file holds no certificate or an unreadable one.</exception>
    public static X509Certificate2Collection LoadCertificates(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return CertificateMaterial.ReadCertificates(File.ReadAllText(path), path);
    }
}
