using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Skn.Certificates.Internal;

/// <summary>Conversions between certificate objects and PEM text.</summary>
internal static class CertificateMaterial
{
    private const string CertificateLabel = "CERTIFICATE";
    private const string PrivateKeyLabel = "PRIVATE KEY";

    /// <summary>
    /// Returns a copy of <paramref name="certificateWithKey"/> whose private key is held the way a PKCS#12 import holds it.
    /// A certificate combined with an in-memory key (CopyWithPrivateKey, CreateFromPem) is not always usable as an
    /// SslStream server or client certificate; one loaded from PKCS#12 is, on every platform.
    /// </summary>
    public static X509Certificate2 ToPersistableCertificate(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificateWithKey));
        }

        // The password only protects bytes that never leave this process.
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var pkcs12 = certificateWithKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        try
        {
            // Exportable: PemFiles.WriteCertificate must be able to write the key (on Windows this flag is needed for that).
            return X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.Exportable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs12);
        }
    }

    /// <summary>Combines a certificate with its RSA key and returns an SslStream-usable copy.</summary>
    public static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, RSA key)
    {
        using var combined = certificate.CopyWithPrivateKey(key);
        return ToPersistableCertificate(combined);
    }

    /// <summary>Public part only: a new object without a private key.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.RawData);

    public static string ToCertificatePem(X509Certificate2 certificate) =>
        PemEncoding.WriteString(CertificateLabel, certificate.RawData) + "\n";

    /// <summary>The private key of <paramref name="certificate"/> as unencrypted PKCS#8 PEM.</summary>
    public static string ToPrivateKeyPem(X509Certificate2 certificate)
    {
        byte[] pkcs8;
        using (var rsa = certificate.GetRSAPrivateKey())
        using (var ecdsa = rsa is null ? certificate.GetECDsaPrivateKey() : null)
        {
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)rsa ?? ecdsa
                ?? throw new ArgumentException(
                    "The certificate has no private key, or one that is neither RSA nor ECDSA.", nameof(certificate));
            pkcs8 = key.ExportPkcs8PrivateKey();
        }

        try
        {
            return PemEncoding.WriteString(PrivateKeyLabel, pkcs8) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>All CERTIFICATE blocks in <paramref name="pem"/>, in file order; other blocks are skipped.</summary>
    public static X509Certificate2Collection ReadCertificates(string pem, string sourceName)
    {
        var result = new X509Certificate2Collection();
        try
        {
            var remaining = pem.AsSpan();
            while (PemEncoding.TryFind(remaining, out var fields))
            {
                if (remaining[fields.Label].SequenceEqual(CertificateLabel))
                {
                    var der = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
                    result.Add(X509CertificateLoader.LoadCertificate(der));
                }

                remaining = remaining[fields.Location.End..];
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            DisposeAll(result);
            throw new CryptographicException($"'{sourceName}' holds a certificate that cannot be read: {ex.Message}", ex);
        }

        if (result.Count == 0)
        {
            throw new CryptographicException($"'{sourceName}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        return result;
    }

    public static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
