namespace Skn.Certificates;

/// <summary>Why a certificate was not accepted; <see cref="None"/> when it was.</summary>
public enum CertificateProblem
{
    /// <summary>The certificate is valid.</summary>
    None,

    /// <summary>The certificate, or a certificate in its chain, is past its notAfter date.</summary>
    Expired,

    /// <summary>The certificate, or a certificate in its chain, is before its notBefore date.</summary>
    NotYetValid,

    /// <summary>The chain does not end at one of the pinned trust anchors, or a signature in it does not verify.</summary>
    UntrustedIssuer,

    /// <summary>The certificate's extended key usage does not allow the requested use.</summary>
    WrongUsage,

    /// <summary>The certificate or its chain is structurally invalid (bad extensions, constraints, unreadable data).</summary>
    Malformed,
}
