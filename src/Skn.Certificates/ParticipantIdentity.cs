using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Internal;

namespace Skn.Certificates;

/// <summary>
/// Maps between a participant's OIN (Organisatie-identificatienummer) and its certificate subject.
/// In production the OIN sits in the subject serialNumber attribute (OID 2.5.4.5) of the PKIoverheid
/// certificate; the development CA puts it in the same place.
/// </summary>
public static class ParticipantIdentity
{
    /// <summary>Number of digits in an OIN.</summary>
    public const int OinLength = 20;

    /// <summary>Upper bound of commonName and organizationName in X.520 (ub-common-name, ub-organization-name).</summary>
    private const int MaxNameLength = 64;

    /// <summary>
    /// Reads the OIN from the subject serialNumber attribute of <paramref name="certificate"/>.
    /// Returns <see langword="null"/> when there is no such attribute, when there is more than one,
    /// or when its value is not exactly 20 ASCII digits.
    /// </summary>
    public static string? GetOin(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);

        string? found = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            // A multi-valued RDN holding a serialNumber is not something PKIoverheid issues; ignore it.
            if (rdn.HasMultipleElements || rdn.GetSingleElementType().Value != Oids.SerialNumber)
            {
                continue;
            }

            if (found is not null)
            {
                // Two serialNumber attributes: ambiguous, so no identity at all.
                return null;
            }

            found = rdn.GetSingleElementValue() ?? string.Empty;
        }

        return IsValidOin(found) ? found : null;
    }

    /// <summary>Whether <paramref name="oin"/> consists of exactly 20 ASCII digits.</summary>
    public static bool IsValidOin(string? oin)
    {
        if (oin is null || oin.Length != OinLength)
        {
            return false;
        }

        foreach (var c in oin)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Builds the subject of a participant certificate: <c>CN=&lt;name&gt;, O=&lt;name&gt;, SERIALNUMBER=&lt;oin&gt;, C=NL</c>
    /// (encoded as C, serialNumber, O, CN: most general first, as in PKIoverheid certificates).
    /// </summary>
    /// <exception cref="ArgumentException">The OIN is not 20 ASCII digits or the name is empty, too long or has control characters.</exception>
    public static X500DistinguishedName BuildSubject(string oin, string organisationName)
    {
        ArgumentNullException.ThrowIfNull(oin);
        ArgumentNullException.ThrowIfNull(organisationName);
        if (!IsValidOin(oin))
        {
            throw new ArgumentException($"An OIN is exactly {OinLength} ASCII digits; got '{oin}'.", nameof(oin));
        }

        ValidateOrganisationName(organisationName, nameof(organisationName));

        // The builder encodes the attributes in the reverse order of the Add calls, so this yields the DER order
        // C, serialNumber, O, CN (most general first, like PKIoverheid subjects), shown as "CN=…, O=…, SERIALNUMBER=…, C=NL".
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(organisationName);
        builder.AddOrganizationName(organisationName);
        builder.Add(Oids.SerialNumber, oin, UniversalTagNumber.PrintableString);
        builder.AddCountryOrRegion("NL");
        return builder.Build();
    }

    internal static void ValidateOrganisationName(string organisationName, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(organisationName))
        {
            throw new ArgumentException("The organisation name must not be empty.", parameterName);
        }

        if (organisationName.Length > MaxNameLength)
        {
            throw new ArgumentException(
                $"The organisation name is {organisationName.Length} characters; a certificate allows at most {MaxNameLength}.",
                parameterName);
        }

        if (organisationName.Any(char.IsControl))
        {
            throw new ArgumentException("The organisation name must not contain control characters.", parameterName);
        }
    }
}
