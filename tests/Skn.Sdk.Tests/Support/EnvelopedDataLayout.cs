using System.Formats.Asn1;
using System.Runtime.InteropServices;

namespace Skn.Sdk.Tests.Support;

/// <summary>Finds where the encrypted content lies inside a DER-encoded CMS EnvelopedData, so tests can damage exactly the ciphertext.</summary>
internal static class EnvelopedDataLayout
{
    /// <summary>Offset and length of the encryptedContent octets of <paramref name="envelopedData"/>.</summary>
    public static (int Offset, int Length) CiphertextRegion(byte[] envelopedData)
    {
        // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT EnvelopedData }
        var contentInfo = new AsnReader(envelopedData, AsnEncodingRules.DER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        var explicitContent = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));

        // EnvelopedData ::= SEQUENCE { version, originatorInfo [0] OPTIONAL, recipientInfos SET, encryptedContentInfo, ... }
        var envelopedDataSequence = explicitContent.ReadSequence();
        envelopedDataSequence.ReadInteger();
        if (envelopedDataSequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            envelopedDataSequence.ReadEncodedValue();
        }

        envelopedDataSequence.ReadSetOf();

        // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING }
        var encryptedContentInfo = envelopedDataSequence.ReadSequence();
        encryptedContentInfo.ReadObjectIdentifier();
        encryptedContentInfo.ReadSequence();
        var encoded = encryptedContentInfo.ReadEncodedValue();

        // The DER value is primitive, so the ciphertext is the tail of its encoding. ReadEncodedValue slices
        // the input rather than copying it, which gives the offset in the whole document.
        var ciphertext = AsnDecoder.ReadOctetString(encoded.Span, AsnEncodingRules.DER, out _, new Asn1Tag(TagClass.ContextSpecific, 0));
        if (!MemoryMarshal.TryGetArray(encoded, out var segment) || segment.Array != envelopedData)
        {
            throw new InvalidOperationException("The encrypted content is not a slice of the document.");
        }

        return (segment.Offset + encoded.Length - ciphertext.Length, ciphertext.Length);
    }
}
