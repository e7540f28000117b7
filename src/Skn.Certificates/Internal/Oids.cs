namespace Skn.Certificates.Internal;

/// <summary>Object identifiers used by this library, in dotted form.</summary>
internal static class Oids
{
    /// <summary>X.520 serialNumber attribute; holds the OIN in PKIoverheid subjects.</summary>
    public const string SerialNumber = "2.5.4.5";

    /// <summary>Extended key usage id-kp-serverAuth (TLS server).</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Extended key usage id-kp-clientAuth (TLS client).</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Extended key usage id-kp-emailProtection; OpenSSL requires it for CMS (S/MIME) signers.</summary>
    public const string EmailProtection = "1.3.6.1.5.5.7.3.4";
}
