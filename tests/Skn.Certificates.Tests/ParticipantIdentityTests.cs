using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates.Tests.Support;

namespace Skn.Certificates.Tests;

public sealed class ParticipantIdentityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void GetOin_SubjectBuiltWithOin_ReturnsOin()
    {
        // Arrange
        var subject = ParticipantIdentity.BuildSubject(TestParticipants.GemeenteOin, TestParticipants.GemeenteName);
        using var certificate = SelfSigned(subject);

        // Act
        var oin = ParticipantIdentity.GetOin(certificate);

        // Assert
        Assert.Equal(TestParticipants.GemeenteOin, oin);
    }

    [Fact]
    public void GetOin_CertificateIssuedByDevelopmentCa_ReturnsOin()
    {
        // Arrange
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_temp.Path);
        using var certificate = ca.IssueParticipantCertificate(TestParticipants.CreditorOin, TestParticipants.CreditorName);

        // Act
        var oin = ParticipantIdentity.GetOin(certificate);

        // Assert
        Assert.Equal(TestParticipants.CreditorOin, oin);
    }

    [Fact]
    public void GetOin_NoSerialNumber_ReturnsNull()
    {
        // Arrange
        using var certificate = SelfSigned(new X500DistinguishedName("CN=Gemeente Testdorp, O=Gemeente Testdorp, C=NL"));

        // Act
        var oin = ParticipantIdentity.GetOin(certificate);

        // Assert
        Assert.Null(oin);
    }

    [Theory]
    [InlineData("0000009900000000001")] // 19 digits
    [InlineData("000000990000000000012")] // 21 digits
    [InlineData("0000009900000000000A")]
    [InlineData("00000099 0000000001")]
    [InlineData("0000009900000000000\u0661")] // Arabic-Indic digit one: a digit, but not ASCII
    [InlineData("")]
    public void GetOin_SerialNumberNotTwentyAsciiDigits_ReturnsNull(string serialNumber)
    {
        // Arrange
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("NL");
        builder.Add("2.5.4.5", serialNumber, UniversalTagNumber.UTF8String);
        builder.AddCommonName("Gemeente Testdorp");
        using var certificate = SelfSigned(builder.Build());

        // Act
        var oin = ParticipantIdentity.GetOin(certificate);

        // Assert
        Assert.Null(oin);
    }

    [Fact]
    public void GetOin_TwoSerialNumbers_ReturnsNull()
    {
        // Arrange
        var builder = new X500DistinguishedNameBuilder();
        builder.Add("2.5.4.5", TestParticipants.GemeenteOin, UniversalTagNumber.PrintableString);
        builder.Add("2.5.4.5", TestParticipants.CreditorOin, UniversalTagNumber.PrintableString);
        builder.AddCommonName("Ambiguous");
        using var certificate = SelfSigned(builder.Build());

        // Act
        var oin = ParticipantIdentity.GetOin(certificate);

        // Assert
        Assert.Null(oin);
    }

    [Fact]
    public void BuildSubject_ValidArguments_ReturnsCnOSerialNumberC()
    {
        // Arrange
        const string oin = TestParticipants.GemeenteOin;

        // Act
        var subject = ParticipantIdentity.BuildSubject(oin, TestParticipants.GemeenteName);

        // Assert
        Assert.Equal($"CN={TestParticipants.GemeenteName}, O={TestParticipants.GemeenteName}, SERIALNUMBER={oin}, C=NL", subject.Name);
    }

    [Theory]
    [InlineData("0000009900000000001")]
    [InlineData("0000009900000000000X")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("")]
    public void BuildSubject_InvalidOin_ThrowsArgumentException(string oin)
    {
        // Arrange
        const string name = TestParticipants.GemeenteName;

        // Act
        var exception = Record.Exception(() => ParticipantIdentity.BuildSubject(oin, name));

        // Assert
        var argumentException = Assert.IsType<ArgumentException>(exception);
        Assert.Equal("oin", argumentException.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Gemeente\nTestdorp")]
    [InlineData("A name that is much too long for the sixty-four characters a CN may hold")]
    public void BuildSubject_InvalidName_ThrowsArgumentException(string name)
    {
        // Arrange
        const string oin = TestParticipants.GemeenteOin;

        // Act
        var exception = Record.Exception(() => ParticipantIdentity.BuildSubject(oin, name));

        // Assert
        var argumentException = Assert.IsType<ArgumentException>(exception);
        Assert.Equal("organisationName", argumentException.ParamName);
    }

    [Theory]
    [InlineData(TestParticipants.GemeenteOin, true)]
    [InlineData("0000009900000000001", false)]
    [InlineData(null, false)]
    public void IsValidOin_Input_ReturnsExpected(string? oin, bool expected)
    {
        // Arrange (nothing beyond the input)

        // Act
        var valid = ParticipantIdentity.IsValidOin(oin);

        // Assert
        Assert.Equal(expected, valid);
    }

    private static X509Certificate2 SelfSigned(X500DistinguishedName subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }
}
