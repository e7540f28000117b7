using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Skn.V1;

namespace Skn.Sdk.Sealing;

/// <summary>
/// Seals and opens content documents with standard CMS (RFC 5652), so any vendor can do the same
/// with stock tools (<c>openssl cms -decrypt | openssl cms -verify</c>): SignedData (SHA-256, the
/// signer's certificate included) whose encoding is the id-data content of an EnvelopedData for the
/// recipient (RSAES-OAEP with SHA-256 key transport, AES-256-CBC content encryption).
/// All cryptography is System.Security.Cryptography.Pkcs; this class only chooses algorithms and
/// checks what it is given.
/// </summary>
public static class ContentSeal
{
    /// <summary>Signs <paramref name="content"/> as <paramref name="signer"/> and encrypts it for every certificate in <paramref name="recipients"/>.</summary>
    /// <param name="content">The content document; its header should already name the envelope it goes into.</param>
    /// <param name="signer">The sender's certificate with its private key.</param>
    /// <param name="recipients">The recipient's encryption certificates (more than one during a key rollover).</param>
    /// <param name="signingTime">The signing time to state in the signature.</param>
    /// <returns>The DER encoding of the EnvelopedData ContentInfo.</returns>
    public static byte[] Seal(Content content, X509Certificate2 signer, IReadOnlyCollection<X509Certificate2> recipients, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(recipients);
        if (!signer.HasPrivateKey)
        {
            throw new ArgumentException("The signing certificate needs its private key.", nameof(signer));
        }

        if (recipients.Count == 0)
        {
            throw new ArgumentException("At least one recipient certificate is needed.", nameof(recipients));
        }

        var signed = new SignedCms(new ContentInfo(content.ToByteArray()), detached: false);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = CmsAlgorithms.Sha256,
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        signed.ComputeSignature(cmsSigner, silent: true);

        var enveloped = new EnvelopedCms(new ContentInfo(signed.Encode()), new AlgorithmIdentifier(CmsAlgorithms.Aes256Cbc, 256));
        var cmsRecipients = new CmsRecipientCollection();
        foreach (var recipient in recipients)
        {
            cmsRecipients.Add(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, recipient, RSAEncryptionPadding.OaepSHA256));
        }

        enveloped.Encrypt(cmsRecipients);
        return enveloped.Encode();
    }

    /// <summary>
    /// Decrypts <paramref name="sealedContent"/> with <paramref name="recipient"/>'s key, verifies the
    /// signature and checks that it was made with one of <paramref name="senderCertificates"/>.
    /// </summary>
    /// <param name="messageId">The envelope id, for the exceptions.</param>
    /// <param name="sealedContent">The envelope's sealed content.</param>
    /// <param name="recipient">Our certificate with its private key.</param>
    /// <param name="senderCertificates">The sender's signing certificates from the directory.</param>
    /// <exception cref="SknContentTamperedException">Not decryptable, malformed, weak algorithms or a bad signature.</exception>
    /// <exception cref="SknSignerMismatchException">Signed, but not with one of the sender's certificates.</exception>
    public static OpenedContent Open(string messageId, ReadOnlySpan<byte> sealedContent, X509Certificate2 recipient, IReadOnlyCollection<X509Certificate2> senderCertificates)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(senderCertificates);

        var signedBytes = Decrypt(messageId, sealedContent, recipient);
        var signed = new SignedCms();
        try
        {
            signed.Decode(signedBytes);
        }
        catch (CryptographicException ex)
        {
            throw new SknContentTamperedException(messageId, $"The decrypted content of {messageId} is not a CMS SignedData document.", ex);
        }

        if (signed.Detached || signed.ContentInfo.ContentType.Value != "1.2.840.113549.1.7.1")
        {
            throw new SknContentTamperedException(messageId, $"The signed content of {messageId} must be embedded id-data.");
        }

        X509Certificate2 signerCertificate;
        DateTimeOffset? signingTime;
        try
        {
            (signerCertificate, signingTime) = VerifySignature(messageId, signed, senderCertificates);
        }
        catch (CryptographicException ex)
        {
            // Damaged bytes can surface anywhere while the signature is read (a garbled certificate,
            // attribute or signature value); each is tampering.
            throw new SknContentTamperedException(messageId, $"The signature on {messageId} cannot be read: the content was altered.", ex);
        }

        Content content;
        try
        {
            content = Content.Parser.ParseFrom(signed.ContentInfo.Content);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new SknContentTamperedException(messageId, $"The signed content of {messageId} is not a skn.v1.Content document.", ex);
        }

        return new OpenedContent(content, signerCertificate, signingTime);
    }

    private static (X509Certificate2 Signer, DateTimeOffset? SigningTime) VerifySignature(string messageId, SignedCms signed, IReadOnlyCollection<X509Certificate2> senderCertificates)
    {
        if (signed.SignerInfos.Count != 1)
        {
            throw new SknContentTamperedException(messageId, $"The content of {messageId} has {signed.SignerInfos.Count} signatures; exactly one is expected.");
        }

        var signerInfo = signed.SignerInfos[0];
        if (!CmsAlgorithms.AcceptedDigests.Contains(signerInfo.DigestAlgorithm.Value ?? ""))
        {
            throw new SknContentTamperedException(messageId, $"The content of {messageId} is signed with digest {signerInfo.DigestAlgorithm.FriendlyName ?? signerInfo.DigestAlgorithm.Value}; SHA-256 or stronger is required.");
        }

        var signerCertificate = FindSignerCertificate(signerInfo, senderCertificates);
        if (signerCertificate is null)
        {
            // Someone else's signature only if it verifies with the certificate it brought and that
            // certificate holds another key than the sender's: the sender's key in a damaged copy of
            // its certificate, or a signature that verifies with nothing, means the bytes were altered.
            var included = IncludedCertificate(signerInfo);
            if (included is null || !VerifiesWith(signerInfo, included) || senderCertificates.Any(c => SamePublicKey(c, included)))
            {
                throw new SknContentTamperedException(messageId, $"The signature on {messageId} does not verify: the content was altered.");
            }

            throw new SknSignerMismatchException(
                messageId,
                $"The content of {messageId} is signed by {included.Subject}, which is not a certificate of the sender in the directory.",
                included.Subject);
        }

        try
        {
            // Verify with the directory's copy, never with a certificate the message brought along.
            signerInfo.CheckSignature(new X509Certificate2Collection(signerCertificate), verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw new SknContentTamperedException(messageId, $"The signature on {messageId} does not verify: the content was altered.", ex);
        }

        return (signerCertificate, SigningTimeOf(signerInfo));
    }

    private static byte[] Decrypt(string messageId, ReadOnlySpan<byte> sealedContent, X509Certificate2 recipient)
    {
        var enveloped = new EnvelopedCms();
        try
        {
            enveloped.Decode(sealedContent);
        }
        catch (CryptographicException ex)
        {
            throw new SknContentTamperedException(messageId, $"The sealed content of {messageId} is not a CMS EnvelopedData document.", ex);
        }

        var algorithm = enveloped.ContentEncryptionAlgorithm.Oid.Value ?? "";
        if (!CmsAlgorithms.AcceptedContentEncryption.Contains(algorithm))
        {
            throw new SknContentTamperedException(messageId, $"The content of {messageId} is encrypted with {enveloped.ContentEncryptionAlgorithm.Oid.FriendlyName ?? algorithm}; AES-256 is required.");
        }

        var ours = enveloped.RecipientInfos.Cast<RecipientInfo>().FirstOrDefault(r => IsFor(r, recipient));
        if (ours is null)
        {
            throw new SknContentTamperedException(messageId, $"The content of {messageId} is not encrypted for our certificate ({recipient.Subject}).");
        }

        if (ours.KeyEncryptionAlgorithm.Oid.Value != CmsAlgorithms.RsaOaep)
        {
            throw new SknContentTamperedException(messageId, $"The content key of {messageId} is wrapped with {ours.KeyEncryptionAlgorithm.Oid.FriendlyName ?? ours.KeyEncryptionAlgorithm.Oid.Value}; RSAES-OAEP is required.");
        }

        if (!CmsAlgorithms.AcceptedDigests.Contains(CmsAlgorithms.OaepHash(ours.KeyEncryptionAlgorithm.Parameters) ?? ""))
        {
            throw new SknContentTamperedException(messageId, $"The content key of {messageId} is wrapped with RSAES-OAEP over SHA-1 or an unreadable hash; SHA-256 or stronger is required.");
        }

        try
        {
            using var key = recipient.GetRSAPrivateKey() ?? throw new ArgumentException("Our certificate needs its RSA private key to open content.", nameof(recipient));
            enveloped.Decrypt(ours, key);
        }
        catch (CryptographicException ex)
        {
            throw new SknContentTamperedException(messageId, $"The content of {messageId} cannot be decrypted with our key: it was altered or is not for us.", ex);
        }

        if (enveloped.ContentInfo.ContentType.Value != "1.2.840.113549.1.7.1")
        {
            throw new SknContentTamperedException(messageId, $"The encrypted content of {messageId} must be id-data holding a SignedData document.");
        }

        return enveloped.ContentInfo.Content;
    }

    private static bool IsFor(RecipientInfo recipientInfo, X509Certificate2 certificate) =>
        recipientInfo.RecipientIdentifier.MatchesCertificate(certificate);

    private static X509Certificate2? FindSignerCertificate(SignerInfo signerInfo, IReadOnlyCollection<X509Certificate2> senderCertificates)
    {
        // The included certificate, if any, must be byte-for-byte one of the sender's; without one,
        // the signer identifier must point at one of them.
        var embedded = signerInfo.Certificate;
        if (embedded is not null)
        {
            return senderCertificates.FirstOrDefault(c => c.RawDataMemory.Span.SequenceEqual(embedded.RawDataMemory.Span));
        }

        var id = signerInfo.SignerIdentifier;
        return senderCertificates.FirstOrDefault(c => id.MatchesCertificate(c));
    }

    private static X509Certificate2? IncludedCertificate(SignerInfo signerInfo)
    {
        try
        {
            return signerInfo.Certificate;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool SamePublicKey(X509Certificate2 a, X509Certificate2 b) =>
        a.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(b.PublicKey.EncodedKeyValue.RawData);

    /// <summary>Whether the signature verifies with <paramref name="certificate"/> (used only for the certificate the signature carries itself).</summary>
    private static bool VerifiesWith(SignerInfo signerInfo, X509Certificate2 certificate)
    {
        try
        {
            signerInfo.CheckSignature(new X509Certificate2Collection(certificate), verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static DateTimeOffset? SigningTimeOf(SignerInfo signerInfo) =>
        signerInfo.SignedAttributes
            .Cast<CryptographicAttributeObject>()
            .SelectMany(a => a.Values.Cast<AsnEncodedData>())
            .OfType<Pkcs9SigningTime>()
            .Select(t => (DateTimeOffset?)new DateTimeOffset(DateTime.SpecifyKind(t.SigningTime, DateTimeKind.Utc)))
            .FirstOrDefault();
}
