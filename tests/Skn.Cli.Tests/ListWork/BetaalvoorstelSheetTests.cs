using Skn.Cli.ListWork;
using Skn.V1;
using static Skn.Cli.Tests.ListWork.ListWorkFixtures;
using C = Skn.Cli.ListWork.Columns.BetaalvoorstelColumns;
using K = Skn.Cli.ListWork.Columns.CommonColumns;

namespace Skn.Cli.Tests.ListWork;

public sealed class BetaalvoorstelSheetTests
{
    private static readonly PendingRequest[] Pending = [Voorstel()];

    // Rows 2 and 3 are the proposal's two claims.
    private static EditableSheet Exported() => EditableSheet.Export(s => BetaalvoorstelSheet.Write(s, Pending));

    private static SheetReadResult Import(EditableSheet sheet) => BetaalvoorstelSheet.Read(sheet.Save(), Lookup(Pending), Today);

    [Fact]
    public void Write_Proposal_WritesOneRowPerClaimWithTheTerms()
    {
        // Arrange
        var sheet = Exported();

        // Act
        var rows = new[] { 2, 3 }.Select(r => (sheet[r, C.FactuurnummerSe], sheet[r, C.ActueelVorderingsbedrag], sheet[r, C.PrognoseEindbedrag])).ToList();

        // Assert
        Assert.Equal(3, sheet.RowCount);
        Assert.Equal([("F-2026-0311", "812,50", "146,25"), ("F-2026-0412", "455,00", "81,90")], rows);
        Assert.Equal(("schuldbemiddeling", "18", "18,00", "12.500,00", "periodiek"), (sheet[2, C.TypeSchuldregeling], sheet[2, C.Looptijd], sheet[2, C.AangebodenPercentage], sheet[2, C.TotaleSchuldenlast], sheet[2, C.Uitbetaalmoment]));
        Assert.Equal("K-88231", sheet[3, K.KlantnummerSe]);
        Assert.Equal("Voorstel volgens NVVK; zie de VTLB.", sheet[2, C.ToelichtingShv]);
    }

    [Fact]
    public void Read_Akkoord_BuildsAkkoordPerClaimDatedToday()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "akkoord"), (C.Voorwaarden, "finale-kwijting, BKR afmelding"), (K.ContactNaam, "Afdeling Debiteuren"), (K.ContactTelefoon, "0207654321"));
        sheet.Fill(3, (C.AkkoordBedrag, "1.000,00"));

        // Act
        var result = Import(sheet);

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        var akkoord = Assert.IsType<BetaalvoorstelAntwoordAkkoord>(Assert.Single(result.Answers).Answer);
        Assert.Equal(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"{akkoord.DatumAkkoord.Year:0000}-{akkoord.DatumAkkoord.Month:00}-{akkoord.DatumAkkoord.Day:00}");
        Assert.Equal([("F-2026-0311", 14_625L), ("F-2026-0412", 100_000L)], akkoord.Vorderingen.Select(v => (v.FactuurnummerSe, v.AkkoordBedragCent)));
        Assert.Equal([AkkoordVoorwaarde.FinaleKwijtingNaLaatsteBetaling, AkkoordVoorwaarde.BkrAfmelding], akkoord.Voorwaarden);
        Assert.Equal("K-88231", akkoord.KlantnummerSe);
        Assert.Empty(Violations(akkoord));
    }

    [Fact]
    public void Read_NietAkkoord_BuildsReasonAndCounterOffer()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "Niet akkoord"), (C.RedenNietAkkoord, "percentage-te-laag"), (C.TegenvoorstelPercentage, "25 %"), (K.Toelichting, "Wij verwachten ten minste 25%."),
            (K.ContactNaam, "Afdeling Debiteuren"), (K.ContactEmail, "debiteuren@voorbeeld.nl"));

        // Act
        var result = Import(sheet);

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        var nietAkkoord = Assert.IsType<BetaalvoorstelAntwoordNietAkkoord>(Assert.Single(result.Answers).Answer);
        Assert.Equal(NietAkkoordReden.PercentageTeLaag, nietAkkoord.Reden);
        Assert.Equal(2_500, nietAkkoord.Tegenvoorstel.PercentageBp);
        Assert.Equal([2, 3], result.Answers[0].Rows);
        Assert.Empty(Violations(nietAkkoord));
    }

    [Fact]
    public void Read_NietAkkoordOverigWithoutToelichting_RefusesNamingToelichting()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "niet-akkoord"), (C.RedenNietAkkoord, "overig"), (K.ContactNaam, "Afdeling Debiteuren"), (K.ContactTelefoon, "0207654321"));
        sheet.Fill(3, (C.AkkoordBedrag, "10,00"));

        // Act
        var result = Import(sheet);

        // Assert
        Assert.Contains(result.Problems, p => p is { Row: 2, Column: K.Toelichting });
        Assert.Contains(result.Problems, p => p is { Row: 3, Column: C.AkkoordBedrag });
        Assert.Equal([2, 3], result.RefusedRows);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Read_UnknownNietAkkoordReden_RefusesListingTheChoices()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "niet-akkoord"), (C.RedenNietAkkoord, "te duur"), (K.ContactNaam, "Afdeling Debiteuren"), (K.ContactTelefoon, "0207654321"));

        // Act
        var result = Import(sheet);

        // Assert
        var problem = Assert.Single(result.Problems, p => p.Row == 2);
        Assert.Equal(C.RedenNietAkkoord, problem.Column);
        Assert.Contains("percentage-te-laag", problem.Message, StringComparison.Ordinal);
    }
}
