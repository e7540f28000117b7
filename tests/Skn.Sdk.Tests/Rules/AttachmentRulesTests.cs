using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Skn.V1;
using Kind = Skn.V1.Content.BerichtOneofCase;

namespace Skn.Sdk.Tests.Rules;

public sealed class AttachmentRulesTests
{
    internal static readonly RuleCases Cases = new RuleCases()
        .ToPubliek("VTLB: Betaalvoorstel without attachments", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Bijlagen.Clear(), "betaalvoorstel.bijlagen")
        .ToPubliek("VTLB: Betaalvoorstel with only another kind of PDF", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Bijlagen[0].Soort = BijlageSoort.Beschikking, "betaalvoorstel.bijlagen")
        .ToPubliek("VTLB: Heroverweging with gewijzigd_voorstel but no VTLB", Kind.Heroverweging, c => c.Heroverweging.Bijlagen.Clear(), "heroverweging.bijlagen")
        .ToPubliek("VTLB with another media type", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Bijlagen[0].MimeType = "application/octet-stream", "betaalvoorstel.bijlagen[0].mime_type")
        .ToPubliek("PDF that is a Word file", Kind.Betaalvoorstel, c => Replace(c.Betaalvoorstel.Bijlagen[0], [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), "betaalvoorstel.bijlagen[0].inhoud")
        .ToPubliek("PDF without %%EOF (truncated)", Kind.Betaalvoorstel, c => Replace(c.Betaalvoorstel.Bijlagen[0], ValidBerichten.VtlbPdf[..40]), "betaalvoorstel.bijlagen[0].inhoud")
        .ToPubliek("PDF header after more than 1024 bytes", Kind.Betaalvoorstel, c => Replace(c.Betaalvoorstel.Bijlagen[0], [.. new byte[1025], .. ValidBerichten.VtlbPdf]), "betaalvoorstel.bijlagen[0].inhoud")
        .ToPubliek("PDF %%EOF before the last 1024 bytes", Kind.Betaalvoorstel, c => Replace(c.Betaalvoorstel.Bijlagen[0], [.. ValidBerichten.VtlbPdf, .. new byte[1025]]), "betaalvoorstel.bijlagen[0].inhoud")
        .ToPubliek("PDF sent as base64 text", Kind.Heroverweging, c => Replace(c.Heroverweging.Bijlagen[0], Encoding.ASCII.GetBytes(Convert.ToBase64String(ValidBerichten.VtlbPdf))), "heroverweging.bijlagen[0].inhoud")
        .ToPubliek("Empty inhoud", Kind.Betaalvoorstel, c => Replace(c.Betaalvoorstel.Bijlagen[0], []), "betaalvoorstel.bijlagen[0].inhoud")
        .ToPubliek("Empty bestandsnaam", Kind.Heroverweging, c => c.Heroverweging.Bijlagen[0].Bestandsnaam = " ", "heroverweging.bijlagen[0].bestandsnaam")
        .ToPubliek("SHA-256 given as hex text", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Bijlagen[0].Sha256 = ByteString.CopyFromUtf8(Convert.ToHexString(SHA256.HashData(ValidBerichten.VtlbPdf))), "betaalvoorstel.bijlagen[0].sha256")
        .ToPubliek("SHA-256 of other bytes", Kind.Betaalvoorstel, c => c.Betaalvoorstel.Bijlagen[0].Sha256 = ByteString.CopyFrom(SHA256.HashData([1, 2, 3])), "betaalvoorstel.bijlagen[0].sha256")
        .ToOther("Other recipient: any PDF attachment must be a PDF", Kind.Heroverweging, c => c.Heroverweging.Bijlagen.Add(new Bijlage { Soort = BijlageSoort.Overig, Bestandsnaam = "brief.pdf", MimeType = "application/pdf", Inhoud = ByteString.CopyFromUtf8("Geachte heer, mevrouw,") }), "heroverweging.bijlagen[1].inhoud")
        .ToOther("Other recipient: attachment in gewijzigd_voorstel with a wrong hash", Kind.Heroverweging, c => c.Heroverweging.GewijzigdVoorstel.Bijlagen.Add(WithInhoud(ValidBerichten.VtlbBijlage(), [9, 9, 9], keepHash: true)), "heroverweging.gewijzigd_voorstel.bijlagen[0].inhoud", "heroverweging.gewijzigd_voorstel.bijlagen[0].sha256");

    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_AttachmentRuleBroken_ReportsExactlyThatField(string name)
    {
        // Arrange
        var ruleCase = Cases[name];
        var content = ruleCase.BrokenContent();

        // Act
        var violations = RuleAssert.Check(content, ruleCase.Recipient);

        // Assert
        RuleAssert.ReportsExactly(ruleCase, violations);
    }

    [Theory]
    [InlineData("preamble of 1024 bytes", 1024, 0)]
    [InlineData("whitespace after %%EOF", 0, 1000)]
    [InlineData("both", 1024, 1000)]
    public void Check_PdfWithPreambleOrTrailerWithinLimits_ReturnsNoViolations(string because, int preamble, int trailer)
    {
        // Arrange: ISO 32000 readers look for the markers within the first and last 1024 bytes.
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        byte[] pdf = [.. Enumerable.Repeat((byte)' ', preamble), .. ValidBerichten.VtlbPdf, .. Enumerable.Repeat((byte)'\n', trailer)];
        Replace(content.Betaalvoorstel.Bijlagen[0], pdf);

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.True(violations.Count == 0, $"{because}: {string.Join("; ", violations)}");
    }

    [Theory]
    [InlineData("Application/PDF")]
    [InlineData("application/pdf; name=vtlb.pdf")]
    public void Check_PdfMediaTypeInAnotherSpelling_ReturnsNoViolations(string mimeType)
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        content.Betaalvoorstel.Bijlagen[0].MimeType = mimeType;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_VtlbOnlyInGewijzigdVoorstel_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Heroverweging, withBsn: true);
        content.Heroverweging.GewijzigdVoorstel.Bijlagen.Add(content.Heroverweging.Bijlagen);
        content.Heroverweging.Bijlagen.Clear();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_HeroverwegingWithoutGewijzigdVoorstelOrAttachments_ReturnsNoViolations()
    {
        // Arrange: without a new proposal there is nothing for the VTLB to support.
        var content = ValidBerichten.For(Kind.Heroverweging, withBsn: true);
        content.Heroverweging.GewijzigdVoorstel = null;
        content.Heroverweging.Bijlagen.Clear();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_AttachmentWithoutSha256_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: true);
        content.Betaalvoorstel.Bijlagen[0].Sha256 = ByteString.Empty;

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.AllAttributes);

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void Check_RecipientNotVtlbVerplichtAndNoAttachments_ReturnsNoViolations()
    {
        // Arrange
        var content = ValidBerichten.For(Kind.Betaalvoorstel, withBsn: false);
        content.Betaalvoorstel.Bijlagen.Clear();

        // Act
        var violations = RuleAssert.Check(content, ValidBerichten.NoAttributes);

        // Assert
        Assert.Empty(violations);
    }

    /// <summary>Replaces the document's bytes and its hash, so only the content itself is wrong.</summary>
    private static void Replace(Bijlage bijlage, byte[] inhoud) => WithInhoud(bijlage, inhoud, keepHash: false);

    private static Bijlage WithInhoud(Bijlage bijlage, byte[] inhoud, bool keepHash)
    {
        bijlage.Inhoud = ByteString.CopyFrom(inhoud);
        if (!keepHash)
        {
            bijlage.Sha256 = inhoud.Length == 0 ? ByteString.Empty : ByteString.CopyFrom(SHA256.HashData(inhoud));
        }

        return bijlage;
    }
}
