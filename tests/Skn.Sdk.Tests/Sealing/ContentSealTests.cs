using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using Skn.Sdk.Sealing;
using Skn.Sdk.Tests.Support;
using Skn.V1;

namespace Skn.Sdk.Tests.Sealing;

/// <summary>
/// Proves that <see cref="ContentSeal"/> keeps content confidential and authentic: a sealed body opens
/// to exactly what was sealed, signed by the sender, for every listed recipient and nobody else; the
/// plaintext does not leak into the sealed bytes; and damaged, foreign, wrongly signed or weakly
/// encrypted bodies are refused with a <see cref="SknOpenException"/>, never returned as content.
/// </summary>
public sealed class ContentSealTests(SealingCertificates certificates) : IClassFixture<SealingCertificates>
{
    private const string MessageId = "4d1c6a0e-8a43-4c4e-9a55-0e1f3b2c9d11";
    private const string Aes128CbcOid = "2.16.840.1.101.3.4.1.2";
    private const string Aes256CbcOid = "2.16.840.1.101.3.4.1.42";
    private const string TripleDesCbcOid = "1.2.840.113549.3.7";

    private static readonly DateTimeOffset SigningTime = new(2026, 3, 2, 10, 15, 30, TimeSpan.Zero);

    private SealingParticipant Sender => certificates.Sender;

    private SealingParticipant Recipient => certificates.Recipient;

    private SealingParticipant Outsider => certificates.Outsider;

    [Fact]
    public void Open_SealedSaldoverzoekAntwoord_ReturnsEqualContentSignerAndSigningTime()
    {
        // Arrange
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime);

        // Act
        var opened = ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]);

        // Assert
        Assert.Equal(content, opened.Content);
        Assert.Equal(content.Header, opened.Content.Header);
        Assert.Equal(Content.BerichtOneofCase.SaldoverzoekAntwoord, opened.Content.BerichtCase);
        // The signer is the directory's copy of the sender's certificate, not one the message brought.
        Assert.Same(Sender.Public, opened.Signer);
        Assert.Equal(Sender.Public.RawData, opened.Signer.RawData);
        Assert.Equal(SigningTime, opened.SigningTime);
    }

    [Fact]
    public void Seal_ContentWithNameAndBsn_SealedBytesDoNotContainThem()
    {
        // Arrange
        var content = SampleContent.SaldoverzoekWithBsn(Recipient.Oin, Sender.Oin);
        var surname = Encoding.UTF8.GetBytes(SampleContent.ClientSurname);
        var bsn = Encoding.UTF8.GetBytes(SampleContent.ClientBsn);
        // Without this, a marker that never reached the plaintext would make the test pass vacuously.
        var plaintext = content.ToByteArray();
        Assert.True(plaintext.AsSpan().IndexOf(surname) >= 0);
        Assert.True(plaintext.AsSpan().IndexOf(bsn) >= 0);

        // Act
        var sealedBody = ContentSeal.Seal(content, Recipient.WithKey, [Sender.Public], SigningTime);

        // Assert
        Assert.Equal(-1, sealedBody.AsSpan().IndexOf(surname));
        Assert.Equal(-1, sealedBody.AsSpan().IndexOf(bsn));
        Assert.Equal(-1, sealedBody.AsSpan().IndexOf(plaintext.AsSpan(0, 32)));
    }

    [Fact]
    public void Open_ByteFlippedInMiddleOfSealedBody_ThrowsContentTampered()
    {
        // Arrange
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime);
        var (offset, length) = EnvelopedDataLayout.CiphertextRegion(sealedBody);
        var middle = sealedBody.Length / 2;
        // The middle of the body must be ciphertext, or this would test the ASN.1 parser instead. With this
        // content it decrypts to the signer's certificate inside the SignedData: damage there is still
        // damage, and must be reported as such rather than escape as a bare CryptographicException.
        Assert.InRange(middle, offset, offset + length - 1);
        sealedBody[middle] ^= 0x01;

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var tampered = Assert.IsType<SknContentTamperedException>(exception);
        Assert.Equal(MessageId, tampered.MessageId);
    }

    [Fact]
    public void Open_ByteFlippedAnywhereInCiphertext_ThrowsContentTamperedAndNeverReturnsContent()
    {
        // Arrange
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime);
        var (offset, length) = EnvelopedDataLayout.CiphertextRegion(sealedBody);
        // One position in every AES block (moving through the block), plus the first and last byte: CBC
        // garbles the block hit and flips one bit in the next, so this damages every part of the
        // plaintext in turn: the SignedData header, the content, the certificate, the signature, the padding.
        var positions = Enumerable.Range(0, length / 16).Select(block => offset + (block * 16) + (block % 16))
            .Append(offset)
            .Append(offset + length - 1)
            .Distinct()
            .ToList();
        var failures = new List<string>();

        // Act
        foreach (var position in positions)
        {
            var damaged = (byte[])sealedBody.Clone();
            damaged[position] ^= 0x80;
            try
            {
                var opened = ContentSeal.Open(MessageId, damaged, Recipient.WithKey, [Sender.Public]);
                failures.Add($"byte {position}: returned content {opened.Content.Header.MessageId}");
            }
            catch (SknContentTamperedException)
            {
                // Refused as damaged, as it must be: also when the hit lands in the included copy of the
                // sender's certificate, whose signature still verifies with the directory's copy.
            }
            catch (Exception ex)
            {
                // The whole first one (with its stack trace) shows where the exception escaped; the rest just where.
                failures.Add(failures.Count == 0 ? $"byte {position}: {ex}" : $"byte {position}: {ex.GetType().FullName}: {ex.Message}");
            }
        }

        // Assert
        Assert.True(positions.Count > 50, $"Only {positions.Count} positions tried.");
        Assert.True(failures.Count == 0, $"Ciphertext region {offset}..{offset + length - 1}:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void Open_SignedByAnotherParticipant_ThrowsSignerMismatch()
    {
        // Arrange: C signs a bericht whose envelope claims sender A.
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Outsider.WithKey, [Recipient.Public], SigningTime);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var mismatch = Assert.IsType<SknSignerMismatchException>(exception);
        Assert.Equal(MessageId, mismatch.MessageId);
        Assert.Equal(Outsider.Public.Subject, mismatch.SignerSubject);
    }

    [Fact]
    public void Open_SealedForAnotherRecipient_ThrowsContentTampered()
    {
        // Arrange
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime);

        // Act: C has a valid key, just not one the body was encrypted for.
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Outsider.WithKey, [Sender.Public]));

        // Assert
        Assert.IsType<SknContentTamperedException>(exception);
    }

    public static TheoryData<string, byte[]> Garbage()
    {
        var random = new byte[1024];
        new Random(20260302).NextBytes(random);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "random bytes", random },
            { "a truncated DER SEQUENCE", [0x30, 0x82, 0x10, 0x00, 0x06, 0x09, 0x2A] },
            { "text", Encoding.UTF8.GetBytes("-----BEGIN CMS-----\nnot really\n-----END CMS-----\n") },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Open_Garbage_ThrowsContentTampered(string description, byte[] garbage)
    {
        // Arrange: nothing to prepare; the garbage comes from the theory data.

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, garbage, Recipient.WithKey, [Sender.Public]));

        // Assert
        Assert.True(exception is SknContentTamperedException, $"{description}: {exception?.ToString() ?? "no exception"}");
    }

    [Fact]
    public void Open_SignedDataWithoutEnvelope_ThrowsContentTampered()
    {
        // Arrange: a correctly signed document that was never encrypted, in place of a sealed one.
        var signed = Sign(SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin), Sender.WithKey, HashAlgorithmName.SHA256);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, signed, Recipient.WithKey, [Sender.Public]));

        // Assert
        Assert.IsType<SknContentTamperedException>(exception);
    }

    [Fact]
    public void Open_HandBuiltEnvelopeWithAes256AndOaepSha256_ReturnsContent()
    {
        // Arrange: the same hand-built envelope the refusal tests below vary, with the accepted
        // algorithms, so those tests are known to fail on the algorithm and not on the construction.
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var signed = Sign(content, Sender.WithKey, HashAlgorithmName.SHA256);
        var sealedBody = Envelope(signed, Aes256CbcOid, 256, Recipient.Public, RSAEncryptionPadding.OaepSHA256);

        // Act
        var opened = ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]);

        // Assert
        Assert.Equal(content, opened.Content);
    }

    [Theory]
    [InlineData(Aes128CbcOid, 128)]
    [InlineData(TripleDesCbcOid, 192)]
    public void Open_ContentEncryptedWithWeakerCipher_ThrowsContentTampered(string cipherOid, int keyLength)
    {
        // Arrange
        var signed = Sign(SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin), Sender.WithKey, HashAlgorithmName.SHA256);
        var sealedBody = Envelope(signed, cipherOid, keyLength, Recipient.Public, RSAEncryptionPadding.OaepSHA256);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var tampered = Assert.IsType<SknContentTamperedException>(exception);
        Assert.Contains("AES-256 is required", tampered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ContentKeyWrappedWithPkcs1V15_ThrowsContentTampered()
    {
        // Arrange: PKCS#1 v1.5 key transport is open to padding-oracle attacks; only OAEP is accepted.
        var signed = Sign(SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin), Sender.WithKey, HashAlgorithmName.SHA256);
        var sealedBody = Envelope(signed, Aes256CbcOid, 256, Recipient.Public, RSAEncryptionPadding.Pkcs1);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var tampered = Assert.IsType<SknContentTamperedException>(exception);
        Assert.Contains("RSAES-OAEP is required", tampered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ContentKeyWrappedWithOaepOverSha1_ThrowsContentTampered()
    {
        // Arrange: what `openssl cms -keyopt rsa_padding_mode:oaep` makes without rsa_oaep_md:sha256.
        var signed = Sign(SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin), Sender.WithKey, HashAlgorithmName.SHA256);
        var sealedBody = Envelope(signed, Aes256CbcOid, 256, Recipient.Public, RSAEncryptionPadding.OaepSHA1);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var tampered = Assert.IsType<SknContentTamperedException>(exception);
        Assert.Contains("RSAES-OAEP over SHA-1", tampered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SignedWithSha1Digest_ThrowsContentTampered()
    {
        // Arrange
        var signed = Sign(SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin), Sender.WithKey, HashAlgorithmName.SHA1);
        var sealedBody = Envelope(signed, Aes256CbcOid, 256, Recipient.Public, RSAEncryptionPadding.OaepSHA256);

        // Act
        var exception = Record.Exception(() => ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]));

        // Assert
        var tampered = Assert.IsType<SknContentTamperedException>(exception);
        Assert.Contains("SHA-256 or stronger is required", tampered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SealedForTwoRecipientCertificates_EachCanOpen()
    {
        // Arrange: two recipient certificates, as during a key rollover.
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public, Outsider.Public], SigningTime);

        // Act
        var openedByFirst = ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Sender.Public]);
        var openedBySecond = ContentSeal.Open(MessageId, sealedBody, Outsider.WithKey, [Sender.Public]);

        // Assert
        Assert.Equal(content, openedByFirst.Content);
        Assert.Equal(content, openedBySecond.Content);
    }

    [Fact]
    public void Open_SenderHasSeveralCertificates_AcceptsSignatureByAnyOfThem()
    {
        // Arrange: the directory lists an older and a newer signing certificate for the sender.
        var content = SampleContent.SaldoverzoekAntwoord(Sender.Oin, Recipient.Oin);
        var sealedBody = ContentSeal.Seal(content, Sender.WithKey, [Recipient.Public], SigningTime);

        // Act
        var opened = ContentSeal.Open(MessageId, sealedBody, Recipient.WithKey, [Outsider.Public, Sender.Public]);

        // Assert
        Assert.Same(Sender.Public, opened.Signer);
    }

    /// <summary>A SignedData like the SDK makes, but with a digest of the test's choosing.</summary>
    private static byte[] Sign(Content content, X509Certificate2 signer, HashAlgorithmName digest)
    {
        var signed = new SignedCms(new ContentInfo(content.ToByteArray()), detached: false);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = CryptoConfig.MapNameToOID(digest.Name!) is { } oid ? new Oid(oid) : throw new ArgumentException(digest.Name),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(SigningTime.UtcDateTime));
        signed.ComputeSignature(cmsSigner, silent: true);
        return signed.Encode();
    }

    /// <summary>An EnvelopedData around <paramref name="signed"/> with the content cipher and key transport of the test's choosing.</summary>
    private static byte[] Envelope(byte[] signed, string cipherOid, int keyLength, X509Certificate2 recipient, RSAEncryptionPadding padding)
    {
        var enveloped = new EnvelopedCms(new ContentInfo(signed), new AlgorithmIdentifier(new Oid(cipherOid), keyLength));
        enveloped.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, recipient, padding));
        return enveloped.Encode();
    }
}
