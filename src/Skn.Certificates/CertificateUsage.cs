namespace Skn.Certificates;

/// <summary>What a certificate is about to be used for; checked against its extended key usage.</summary>
public enum CertificateUsage
{
    /// <summary>TLS client authentication (id-kp-clientAuth, 1.3.6.1.5.5.7.3.2): a participant connecting to the node.</summary>
    ClientAuth,

    /// <summary>TLS server authentication (id-kp-serverAuth, 1.3.6.1.5.5.7.3.1): the node's endpoint.</summary>
    ServerAuth,
}
