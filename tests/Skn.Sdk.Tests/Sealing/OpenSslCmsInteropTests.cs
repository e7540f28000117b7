using Google.Protobuf;
using Skn.Sdk.Sealing;
using Skn.Sdk.Tests.Support;
using Skn.V1;

namespace Skn.Sdk.Tests.Sealing;

/// <summary>
/// Proves the claim in DESIGN.md ("Envelope and content") that a sealed body is standard CMS any vendor
/// can handle with stock tools: OpenSSL 3 opens and verifies what <see cref="ContentSeal.Seal"/> makes,
/// and sees the agreed algorithms in it (RSAES-OAEP with SHA-256, AES-256-CBC); <see cref="ContentSeal.Open"/>
/// opens what OpenSSL seals with the documented commands; and it refuses an OpenSSL-made signature by
/// the wrong key, whether the signer is honest about its certificate or claims the sender's.
/// </summary>
public sealed class OpenSslCmsInteropTests(SealingCertificates certificates) : IClassFixture<SealingCertificates>
{
    private const string MessageId = "0b7f3a52-6a0d-4a8e-b1f4-3f9c5e27d680";

    private static readonly DateTimeOffset SigningTime = new(2026, 3, 2, 10, 15, 30, TimeSpan.Zero);

    private SealingParticipant Sender => certificates.Sender;

    private SealingParticipant Recipient => certificates.Recipient;

    private SealingParticipant Outsider => certificates.Outsider;

    [Fact]
    public void OpenSslDecryptAndVerify_BodySealedBySdk_YieldsTheSameContent()
    {
        // Arrange
        var folder = certificates.NewScratchFolder();
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        File.WriteAllBytes(Path.Combine(folder, "sealed.der"), ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime));

        // Act
        OpenSsl.RunChecked(folder, "cms", "-decrypt", "-inform", "DER", "-in", "sealed.der",
            "-recip", Recipient.CertificatePath, "-inkey", Recipient.KeyPath, "-out", "signed.der");
        // -verify checks the signature and the chain up to the development CA, and the S/MIME signing
        // purpose of the participant certificate, as any vendor's receiving side would.
        OpenSsl.RunChecked(folder, "cms", "-verify", "-inform", "DER", "-in", "signed.der",
            "-CAfile", certificates.CaCertificatePath, "-out", "content.bin");

        // Assert
        var opened = Content.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(folder, "content.bin")));
        Assert.Equal(content, opened);
    }

    [Fact]
    public void OpenSslPrint_BodySealedBySdk_ShowsOaepSha256AndAes256Cbc()
    {
        // Arrange
        var folder = certificates.NewScratchFolder();
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        File.WriteAllBytes(Path.Combine(folder, "sealed.der"), ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime));

        // Act
        var printed = OpenSsl.RunChecked(folder, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sealed.der").StandardOutput;

        // Assert: the structure openssl prints, in order, for the key transport and content encryption.
        Assert.Contains("contentType: pkcs7-envelopedData", printed, StringComparison.Ordinal);
        Assert.Contains("algorithm: rsaesOaep (1.2.840.113549.1.1.7)", printed, StringComparison.Ordinal);
        // The OAEP parameters name SHA-256 for both the label hash and MGF1; SHA-1 would be the absent default.
        var oaep = printed[printed.IndexOf("rsaesOaep", StringComparison.Ordinal)..printed.IndexOf("encryptedKey:", StringComparison.Ordinal)];
        Assert.Contains(":mgf1", oaep, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(oaep, ":sha256"));
        Assert.Contains("contentType: pkcs7-data (1.2.840.113549.1.7.1)", printed, StringComparison.Ordinal);
        Assert.Contains("algorithm: aes-256-cbc (2.16.840.1.101.3.4.1.42)", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BodySealedByOpenSsl_ReturnsTheSameContent()
    {
        // Arrange
        var folder = certificates.NewScratchFolder();
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        File.WriteAllBytes(Path.Combine(folder, "content.bin"), content.ToByteArray());
        SignWithOpenSsl(folder, Sender.CertificatePath, Sender.KeyPath, "content.bin", "signed.der");
        EncryptWithOpenSsl(folder, Recipient.CertificatePath, "signed.der", "sealed.der");

        // Act
        var opened = ContentSeal.Open(MessageId, File.ReadAllBytes(Path.Combine(folder, "sealed.der")), Recipient.WithKey, [Sender.Public]);

        // Assert
        Assert.Equal(content, opened.Content);
        Assert.Same(Sender.Public, opened.Signer);
        // openssl adds a signingTime attribute of its own (the current time).
        Assert.NotNull(opened.SigningTime);
    }

    [Fact]
    public void Open_BodySignedByOpenSslAsAnotherParticipant_ThrowsSignerMismatch()
    {
        // Arrange: C signs honestly, with its own certificate and key, a bericht whose envelope says A.
        var folder = certificates.NewScratchFolder();
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        File.WriteAllBytes(Path.Combine(folder, "content.bin"), content.ToByteArray());
        SignWithOpenSsl(folder, Outsider.CertificatePath, Outsider.KeyPath, "content.bin", "signed.der");
        EncryptWithOpenSsl(folder, Recipient.CertificatePath, "signed.der", "sealed.der");
        var sealedBody = File.ReadAllBytes(Path.Combine(folder, "sealed.der"));

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var mismatch = Assert.IsType<SknSignerMismatchException>(exception);
        Assert.Equal(Outsider.Public.Subject, mismatch.SignerSubject);
    }

    [Fact]
    public void Open_BodySignedByOpenSslWithWrongKeyClaimingSendersCertificate_ThrowsContentTampered()
    {
        // Arrange: openssl refuses "-signer A -inkey C-key" (the key does not match the certificate), so
        // sign as C and then splice A's certificate and serial number over C's: the SignedData now names
        // and carries A's certificate, byte for byte the directory's copy, but the signature is C's.
        var folder = certificates.NewScratchFolder();
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        File.WriteAllBytes(Path.Combine(folder, "content.bin"), content.ToByteArray());
        SignWithOpenSsl(folder, Outsider.CertificatePath, Outsider.KeyPath, "content.bin", "signed-by-c.der");
        var forged = ClaimSendersCertificate(File.ReadAllBytes(Path.Combine(folder, "signed-by-c.der")));
        File.WriteAllBytes(Path.Combine(folder, "forged.der"), forged);
        // openssl itself must reject the forgery, or the splice did not produce what this test means.
        var openSslVerdict = OpenSsl.Run(folder, "cms", "-verify", "-inform", "DER", "-in", "forged.der",
            "-CAfile", certificates.CaCertificatePath, "-out", "forged-content.bin");
        Assert.False(openSslVerdict.Succeeded, openSslVerdict.ToString());
        // The certificate chain checks out (it is A's real certificate); the signature over the content does not.
        Assert.Contains("CMS_SignerInfo_verify:verification failure", openSslVerdict.StandardError, StringComparison.Ordinal);
        EncryptWithOpenSsl(folder, Recipient.CertificatePath, "forged.der", "sealed.der");
        var sealedBody = File.ReadAllBytes(Path.Combine(folder, "sealed.der"));

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        Assert.IsType<SknContentTamperedException>(exception);
    }

    /// <summary>openssl cms -sign as documented in sdk/Skn.Sdk/README.md: binary, embedded content, SHA-256, signer certificate included.</summary>
    private static void SignWithOpenSsl(string folder, string certificatePath, string keyPath, string input, string output) =>
        OpenSsl.RunChecked(folder, "cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-md", "sha256",
            "-signer", certificatePath, "-inkey", keyPath, "-in", input, "-out", output);

    /// <summary>
    /// openssl cms -encrypt of the DER SignedData as opaque binary data (id-data), AES-256-CBC, with
    /// RSAES-OAEP-SHA256 key transport; without the -keyopt pair openssl would use PKCS#1 v1.5, which the opener refuses.
    /// </summary>
    private static void EncryptWithOpenSsl(string folder, string recipientCertificatePath, string input, string output) =>
        OpenSsl.RunChecked(folder, "cms", "-encrypt", "-binary", "-outform", "DER", "-aes256",
            "-recip", recipientCertificatePath, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256",
            "-in", input, "-out", output);

    private byte[] ClaimSendersCertificate(byte[] signedByOutsider)
    {
        var outsiderCertificate = Outsider.Public.RawData;
        var senderCertificate = Sender.Public.RawData;
        Assert.Equal(outsiderCertificate.Length, senderCertificate.Length);
        var forged = (byte[])signedByOutsider.Clone();
        ReplaceOnce(forged, outsiderCertificate, senderCertificate);

        // The signer identifier (issuerAndSerialNumber) is the only other place C's serial number appears;
        // both participants have the same issuer, so the serial is all that needs changing.
        var outsiderSerial = EncodedSerial(Outsider.Public.SerialNumberBytes.Span);
        var senderSerial = EncodedSerial(Sender.Public.SerialNumberBytes.Span);
        Assert.Equal(outsiderSerial.Length, senderSerial.Length);
        ReplaceOnce(forged, outsiderSerial, senderSerial);
        return forged;
    }

    private static byte[] EncodedSerial(ReadOnlySpan<byte> bigEndian)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        writer.WriteIntegerUnsigned(bigEndian);
        return writer.Encode();
    }

    private static void ReplaceOnce(byte[] buffer, byte[] find, byte[] replacement)
    {
        var at = buffer.AsSpan().IndexOf(find);
        Assert.True(at >= 0, "The bytes to replace are not in the document.");
        Assert.Equal(-1, buffer.AsSpan(at + find.Length).IndexOf(find));
        replacement.CopyTo(buffer, at);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
