using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Skn.Sdk.Sealing;

/// <summary>The algorithm identifiers the seal uses and the opener accepts (DESIGN.md, "Envelope and content").</summary>
internal static class CmsAlgorithms
{
    /// <summary>id-aes256-CBC (NIST): the content encryption.</summary>
    public static readonly Oid Aes256Cbc = new("2.16.840.1.101.3.4.1.42");

    /// <summary>id-sha256: the signature digest.</summary>
    public static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1");

    /// <summary>Digests accepted on open: SHA-256 and stronger; never SHA-1 or MD5.</summary>
    public static readonly IReadOnlySet<string> AcceptedDigests = new HashSet<string>
    {
        "2.16.840.1.101.3.4.2.1", // SHA-256
        "2.16.840.1.101.3.4.2.2", // SHA-384
        "2.16.840.1.101.3.4.2.3", // SHA-512
    };

    /// <summary>Content encryption accepted on open: AES-256 only.</summary>
    public static readonly IReadOnlySet<string> AcceptedContentEncryption = new HashSet<string>
    {
        "2.16.840.1.101.3.4.1.42", // AES-256-CBC
    };

    /// <summary>Key transport accepted on open: RSAES-OAEP (whose parameters name the hash).</summary>
    public const string RsaOaep = "1.2.840.113549.1.1.7";

    /// <summary>SHA-1, the hash RSAES-OAEP parameters imply when they name none (RFC 4055).</summary>
    private const string Sha1 = "1.3.14.3.2.26";

    /// <summary>
    /// The hash named in DER RSAES-OAEP-params (RFC 4055: SEQUENCE { [0] hashAlgorithm DEFAULT sha1, ... }),
    /// or null when they cannot be read.
    /// </summary>
    public static string? OaepHash(byte[]? parameters)
    {
        if (parameters is null || parameters.Length == 0)
        {
            return Sha1;
        }

        try
        {
            var sequence = new AsnReader(parameters, AsnEncodingRules.DER).ReadSequence();
            var hashTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (!sequence.HasData || !sequence.PeekTag().HasSameClassAndValue(hashTag))
            {
                return Sha1;
            }

            return sequence.ReadSequence(hashTag).ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
