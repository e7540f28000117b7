using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Internal;

namespace Skn.Certificates;

/// <summary>
/// Validates certificates against a pinned set of trust anchors, and only those: the operating system's root store
/// is never consulted, and nothing is accepted without a chain to one of the anchors.
/// </summary>
public sealed class CertificateTrust
{
    private const X509ChainStatusFlags UntrustedFlags =
        X509ChainStatusFlags.UntrustedRoot
        | X509ChainStatusFlags.PartialChain
        | X509ChainStatusFlags.NotSignatureValid
        | X509ChainStatusFlags.ExplicitDistrust;

    private const X509ChainStatusFlags MalformedFlags =
        X509ChainStatusFlags.InvalidExtension
        | X509ChainStatusFlags.InvalidBasicConstraints
        | X509ChainStatusFlags.HasNotSupportedCriticalExtension
        | X509ChainStatusFlags.InvalidPolicyConstraints
        | X509ChainStatusFlags.InvalidNameConstraints
        | X509ChainStatusFlags.HasNotSupportedNameConstraint
        | X509ChainStatusFlags.HasNotDefinedNameConstraint
        | X509ChainStatusFlags.HasNotPermittedNameConstraint
        | X509ChainStatusFlags.HasExcludedNameConstraint
        | X509ChainStatusFlags.Cyclic;

    private const X509ChainStatusFlags UsageFlags =
        X509ChainStatusFlags.NotValidForUsage | X509ChainStatusFlags.CtlNotValidForUsage;

    private readonly X509Certificate2Collection _trustAnchors = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a validator that trusts exactly <paramref name="trustAnchors"/>.</summary>
    /// <param name="trustAnchors">The pinned roots (for development: the development CA certificate). Copied; must not be empty.</param>
    /// <param name="timeProvider">Clock for the validity check; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="trustAnchors"/> is empty.</exception>
    public CertificateTrust(X509Certificate2Collection trustAnchors, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        if (trustAnchors.Count == 0)
        {
            throw new ArgumentException("At least one trust anchor is required.", nameof(trustAnchors));
        }

        // Own public-only copies: the caller may dispose its certificates, and private keys have no business here.
        foreach (var anchor in trustAnchors)
        {
            _trustAnchors.Add(CertificateMaterial.PublicOnly(anchor));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Copies of the pinned trust anchors, without private keys.</summary>
    public X509Certificate2Collection TrustAnchors
    {
        get
        {
            var copy = new X509Certificate2Collection();
            foreach (var anchor in _trustAnchors)
            {
                copy.Add(CertificateMaterial.PublicOnly(anchor));
            }

            return copy;
        }
    }

    /// <summary>
    /// Builds the chain of <paramref name="leaf"/> to one of the trust anchors at the current time of the
    /// <see cref="TimeProvider"/> and reports the first problem found, checked in this order: untrusted issuer, malformed
    /// chain, validity period, usage. With a <paramref name="usage"/>, a CA certificate as leaf is refused as wrong usage.
    /// </summary>
    /// <param name="leaf">The certificate to check, for example the peer's TLS certificate or a CMS signer.</param>
    /// <param name="extraChain">Intermediate certificates the peer supplied; they are used to build the chain, never trusted.</param>
    /// <param name="usage">When given, the certificate must be allowed this extended key usage.</param>
    public CertificateValidationResult Validate(
        X509Certificate2 leaf, X509Certificate2Collection? extraChain = null, CertificateUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var verificationTime = _timeProvider.GetUtcNow().UtcDateTime;

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_trustAnchors);
        // No revocation check: the development CA publishes neither a CRL nor an OCSP responder, so every check would
        // fail as "revocation status unknown". Revocation of production (PKIoverheid) certificates needs its own design.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = verificationTime;
        policy.VerificationTimeIgnored = false;
        if (extraChain is not null)
        {
            policy.ExtraStore.AddRange(extraChain);
        }

        if (usage is { } wanted)
        {
            policy.ApplicationPolicy.Add(new Oid(UsageOid(wanted)));
        }

        string subject;
        try
        {
            subject = leaf.Subject;
            if (chain.Build(leaf) && AllFlags(chain) == X509ChainStatusFlags.NoError)
            {
                // A CA certificate usually has no extended key usage, which the chain reads as "any usage"; as a TLS
                // peer it would still be wrong, so end-entity use of a CA certificate is refused explicitly.
                if (usage is not null && IsCertificateAuthority(leaf))
                {
                    return CertificateValidationResult.Invalid(
                        CertificateProblem.WrongUsage,
                        $"Certificate '{subject}' is a CA certificate and cannot be used for {Describe(usage.Value)}.");
                }

                var root = chain.ChainElements[^1].Certificate;
                return CertificateValidationResult.Valid(
                    $"Certificate '{subject}' is valid until {Format(leaf.NotAfter)} and chains to trusted '{root.Subject}'" +
                    (usage is null ? "." : $" for {Describe(usage.Value)}."));
            }
        }
        catch (CryptographicException ex)
        {
            return CertificateValidationResult.Invalid(
                CertificateProblem.Malformed, $"The certificate cannot be processed: {ex.Message}");
        }

        return Classify(chain, subject, verificationTime, usage);
    }

    private static CertificateValidationResult Classify(
        X509Chain chain, string subject, DateTime verificationTime, CertificateUsage? usage)
    {
        var flags = AllFlags(chain);

        if ((flags & UntrustedFlags) != 0)
        {
            return CertificateValidationResult.Invalid(
                CertificateProblem.UntrustedIssuer, $"Certificate '{subject}' is not trusted: {UntrustedReason(chain, flags)}.");
        }

        if ((flags & MalformedFlags) != 0)
        {
            return CertificateValidationResult.Invalid(
                CertificateProblem.Malformed,
                $"Certificate '{subject}' or its chain is malformed: {StatusText(chain, MalformedFlags)}");
        }

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            foreach (var element in chain.ChainElements)
            {
                if (!element.ChainElementStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)))
                {
                    continue;
                }

                var certificate = element.Certificate;
                var which = ReferenceEquals(element, chain.ChainElements[0])
                    ? $"Certificate '{subject}'"
                    : $"Issuer certificate '{certificate.Subject}' of '{subject}'";
                return verificationTime < certificate.NotBefore.ToUniversalTime()
                    ? CertificateValidationResult.Invalid(
                        CertificateProblem.NotYetValid,
                        $"{which} is not valid before {Format(certificate.NotBefore)} (checked at {Format(verificationTime)}).")
                    : CertificateValidationResult.Invalid(
                        CertificateProblem.Expired,
                        $"{which} expired at {Format(certificate.NotAfter)} (checked at {Format(verificationTime)}).");
            }
        }

        if ((flags & UsageFlags) != 0)
        {
            var what = usage is null ? "the requested use" : Describe(usage.Value);
            return CertificateValidationResult.Invalid(
                CertificateProblem.WrongUsage,
                $"Certificate '{subject}' is not allowed for {what}: its extended key usage does not include it.");
        }

        return CertificateValidationResult.Invalid(
            CertificateProblem.Malformed,
            $"Certificate '{subject}' was rejected: {StatusText(chain, ~X509ChainStatusFlags.NoError)}");
    }

    private static bool IsCertificateAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority);

    private static string UntrustedReason(X509Chain chain, X509ChainStatusFlags flags)
    {
        if ((flags & X509ChainStatusFlags.NotSignatureValid) != 0)
        {
            return "a signature in its chain does not verify";
        }

        if ((flags & X509ChainStatusFlags.ExplicitDistrust) != 0)
        {
            return "a certificate in its chain is explicitly distrusted";
        }

        if (chain.ChainElements.Count == 0)
        {
            return "no chain to a pinned trust anchor could be built";
        }

        var last = chain.ChainElements[^1].Certificate;
        if (last.SubjectName.RawData.AsSpan().SequenceEqual(last.IssuerName.RawData))
        {
            return $"its chain ends at root '{last.Subject}'{KeyIdText(last)}, which is not a pinned trust anchor";
        }

        // Several CAs can share a name (every development CA is "CN=Skn Development CA"); the key id tells them apart.
        var authorityKeyId = last.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
        var keyId = authorityKeyId is { } id ? $" (key id {Convert.ToHexString(id.Span)})" : string.Empty;
        return $"its issuer '{last.Issuer}'{keyId} is not a pinned trust anchor, and no chain to one could be built";
    }

    private static string KeyIdText(X509Certificate2 certificate)
    {
        var keyId = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier;
        return keyId is null ? string.Empty : $" (key id {keyId})";
    }

    private static X509ChainStatusFlags AllFlags(X509Chain chain)
    {
        var flags = X509ChainStatusFlags.NoError;
        foreach (var status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                flags |= status.Status;
            }
        }

        return flags;
    }

    private static string StatusText(X509Chain chain, X509ChainStatusFlags mask)
    {
        var texts = chain.ChainStatus
            .Where(s => (s.Status & mask) != 0)
            .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : s.StatusInformation.Trim())
            .Distinct()
            .ToList();
        return texts.Count == 0 ? "unknown chain error." : string.Join("; ", texts);
    }

    private static string UsageOid(CertificateUsage usage) => usage switch
    {
        CertificateUsage.ClientAuth => Oids.ClientAuth,
        CertificateUsage.ServerAuth => Oids.ServerAuth,
        _ => throw new ArgumentOutOfRangeException(nameof(usage), usage, "Unknown certificate usage."),
    };

    private static string Describe(CertificateUsage usage) => usage switch
    {
        CertificateUsage.ClientAuth => "TLS client authentication",
        CertificateUsage.ServerAuth => "TLS server authentication",
        _ => usage.ToString(),
    };

    private static string Format(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
