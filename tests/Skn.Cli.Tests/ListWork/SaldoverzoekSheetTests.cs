using System.Text;
using Skn.Cli.ListWork;
using Skn.V1;
using static Skn.Cli.Tests.ListWork.ListWorkFixtures;
using C = Skn.Cli.ListWork.Columns.SaldoverzoekColumns;
using K = Skn.Cli.ListWork.Columns.CommonColumns;

namespace Skn.Cli.Tests.ListWork;

public sealed class SaldoverzoekSheetTests
{
    private static readonly PendingRequest[] Pending = [Jansen(), DeBoer()];

    // Rows 2 and 3 are Jansen's two claims, row 4 De Boer's claim.
    private static EditableSheet Exported() => EditableSheet.Export(s => SaldoverzoekSheet.Write(s, Pending));

    private static EditableSheet FilledIn()
    {
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "saldo"), (K.KlantnummerSe, "K-88231"), (C.Hoofdsom, "780"), (C.Rente, "12,5"), (C.Kosten, "€ 20,00"),
            (K.ContactNaam, "Afdeling Debiteuren"), (K.ContactTelefoon, "020 765 4321"), (K.Iban, "NL91 ABNA 0417 1643 00"));
        sheet.Fill(3, (C.Hoofdsom, "1.455,00"), (C.OpenstaandSaldo, "1.455"));
        sheet.Fill(4, (K.Antwoord, "Vooraf akkoord"), (K.KlantnummerSe, "W-1001"), (C.OpenstaandSaldo, "12.345,67"), (K.ContactNaam, "Team Incasso"), (K.ContactEmail, "incasso@woonstichting.nl"));
        return sheet;
    }

    private static SheetReadResult Import(Stream input, params string[] answered) =>
        SaldoverzoekSheet.Read(input, Lookup(Pending, answered), Today);

    [Fact]
    public void Write_PendingRequests_WritesExcelDutchCsvWithOneRowPerClaim()
    {
        // Arrange
        using var output = new MemoryStream();

        // Act
        SaldoverzoekSheet.Write(output, Pending);

        // Assert
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.StartsWith("Verzoek-id;Afzender OIN;Afzender;Dossier;Ontvangen op;Antwoord uiterlijk;Klantnummer SHV", lines[0]);
        Assert.Equal(5, lines.Length); // header, 3 rows, and the empty rest after the last CRLF
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("BSN", lines[0]);
        Assert.Contains("\"Belastingaanslag 2025; tweede termijn\"", text);
        Assert.Contains(";812,50;", text);
        Assert.Contains(";\"=\"\"0088231\"\"\";", text); // Excel keeps the leading zero of ="0088231"
        Assert.Contains(";28-04-2026;12-05-2026;", text);
        Assert.Contains(";Johanna Maria de Boër-IJsselmeer;12-03-1984;", text);
        Assert.Contains(";Dorpsstraat 12a;1234AB;Voorbeeldstad;", text);
    }

    [Fact]
    public void Write_RequestWithBsn_AddsBsnColumn()
    {
        // Arrange
        var jansen = Jansen();
        ((Saldoverzoek)jansen.Bericht).Klant.Bsn = "111222333";

        // Act
        var sheet = EditableSheet.Export(s => SaldoverzoekSheet.Write(s, [jansen]));

        // Assert
        Assert.Equal("111222333", sheet[2, K.Bsn]);
    }

    [Fact]
    public void Read_ExportFilledIn_BuildsOneAnswerPerRequestInCents()
    {
        // Arrange
        var sheet = FilledIn();

        // Act
        var result = Import(sheet.Save());

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        Assert.Empty(result.RefusedRows);
        Assert.Equal(2, result.Answers.Count);
        var jansen = Assert.IsType<SaldoverzoekAntwoord>(result.Answers[0].Answer);
        Assert.Equal([2, 3], result.Answers[0].Rows);
        Assert.Equal(JansenId, result.Answers[0].Request.MessageId);
        Assert.Equal("K-88231", jansen.KlantnummerSe);
        Assert.Collection(
            jansen.Vorderingen,
            v => Assert.Equal(("F-2026-0311", 78_000L, 1_250L, 2_000L, 81_250L), (v.FactuurnummerSe, v.HoofdsomCent, v.RenteCent, v.KostenCent, v.OpenstaandSaldoCent)),
            v => Assert.Equal(("F-2026-0412", 145_500L, 145_500L), (v.FactuurnummerSeVolgensShv, v.HoofdsomCent, v.OpenstaandSaldoCent)));
        Assert.Equal(226_750, jansen.TotaalOpenstaandCent);
        Assert.Equal("NL91ABNA0417164300", jansen.Betaalgegevens.Iban);
        Assert.Equal(new Date { Year = 2026, Month = 5, Day = 4 }, jansen.Peildatum);
        var deBoer = Assert.IsType<SaldoverzoekAntwoordVoorafAkkoord>(result.Answers[1].Answer);
        Assert.Equal(VoorafAkkoordGrondslag.CollectiefSchuldregelen, deBoer.Grondslag);
        Assert.Equal(1_234_567, deBoer.Saldo.TotaalOpenstaandCent);
        Assert.All(result.Answers, a => Assert.Empty(Violations(a.Answer)));
    }

    [Fact]
    public void Read_HandWrittenCsv_AcceptsQuotesNewlinesBomCrlfAndDutchCharacters()
    {
        // Arrange: columns in another order, headers in other case, a note column of the person's own.
        var csv = "\uFEFF antwoord ;VERZOEK-ID;Factuurnummer volgens SHV;Hoofdsom;Rente;Toelichting;Contactpersoon naam;Contactpersoon e-mail;Eigen notitie;klantnummer se\r\n"
            + $"saldo;{De_BoerId};H-77;1.234,56;0,44;\"Regeling loopt; zie brief.\r\nGroet, Zoë van IJzendoorn\";\"Müller, Ëlise\";e.muller@woonstichting.nl;\"gebeld \"\"maandag\"\"\";W-1001\r\n";

        // Act
        var result = Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        var answer = Assert.IsType<SaldoverzoekAntwoord>(Assert.Single(result.Answers).Answer);
        Assert.Equal(123_500, answer.TotaalOpenstaandCent);
        Assert.Equal("Regeling loopt; zie brief.\r\nGroet, Zoë van IJzendoorn", answer.Toelichting);
        Assert.Equal("Müller, Ëlise", answer.ContactpersoonSe.Naam);
        Assert.Empty(Violations(answer));
    }

    [Fact]
    public void Read_UnixLineEndingsWithoutBom_Imports()
    {
        // Arrange
        var csv = $"Verzoek-id;Antwoord;Openstaand saldo;Contactpersoon naam;Contactpersoon telefoon;Klantnummer SE;Factuurnummer SE\n{De_BoerId};saldo;€1.000;Jan;0201234567;W-1001;H-77\n";

        // Act
        var result = Import(Utf8(csv, bom: false));

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        Assert.Equal(100_000, Assert.IsType<SaldoverzoekAntwoord>(Assert.Single(result.Answers).Answer).TotaalOpenstaandCent);
    }

    [Fact]
    public void Read_RowAfterMultiLineCell_IsNumberedAsExcelShowsIt()
    {
        // Arrange: row 2 spans two lines of text, row 3 has a bad amount.
        var csv = "Verzoek-id;Antwoord;Toelichting;Openstaand saldo\r\n"
            + $"{JansenId};saldo;\"eerste regel\r\ntweede regel\";10\r\n"
            + $"{De_BoerId};saldo;;10,001\r\n";

        // Act
        var result = Import(Utf8(csv));

        // Assert
        Assert.Contains(result.Problems, p => p is { Row: 3, Column: C.OpenstaandSaldo });
        Assert.Contains(3, result.RefusedRows);
    }

    [Fact]
    public void Read_Windows1252FromPlainExcelCsv_DecodesEuroSignAndDiacritics()
    {
        // Arrange: Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" is Windows-1252, without BOM.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = $"Verzoek-id;Antwoord;Openstaand saldo;Klantnummer SE;Factuurnummer SE;Contactpersoon naam;Contactpersoon telefoon\r\n{De_BoerId};saldo;€ 1.234,50;W-1001;H-77;Zoë Brünink;0201234567\r\n";
        var input = new MemoryStream(System.Text.Encoding.GetEncoding(1252).GetBytes(csv));

        // Act
        var result = Import(input);

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        var answer = Assert.IsType<SaldoverzoekAntwoord>(Assert.Single(result.Answers).Answer);
        Assert.Equal((123_450L, "Zoë Brünink"), (answer.TotaalOpenstaandCent, answer.ContactpersoonSe.Naam));
    }

    [Theory]
    [InlineData("-12,00")]
    [InlineData("twaalf")]
    [InlineData("12,345")]
    [InlineData("12.5")]
    public void Read_BadAmount_RefusesRequestNamingRowAndColumn(string amount)
    {
        // Arrange
        var sheet = FilledIn();
        sheet[3, C.Rente] = amount;

        // Act
        var result = Import(sheet.Save());

        // Assert
        var problem = Assert.Single(result.Problems, p => p.Row == 3);
        Assert.Equal(C.Rente, problem.Column);
        Assert.Contains(result.Problems, p => p.Row == 2 && p.Message.Contains("rij 3", StringComparison.Ordinal));
        Assert.Equal([2, 3], result.RefusedRows);
        Assert.Equal(De_BoerId, Assert.Single(result.Answers).Request.MessageId);
    }

    [Fact]
    public void Read_SaldoNotTheSumOfItsParts_RefusesNamingOpenstaandSaldo()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[3, C.OpenstaandSaldo] = "1.500,00";

        // Act
        var result = Import(sheet.Save());

        // Assert
        Assert.Contains(result.Problems, p => p is { Row: 3, Column: C.OpenstaandSaldo });
        Assert.DoesNotContain(result.Answers, a => a.Request.MessageId == JansenId);
    }

    [Fact]
    public void Read_BadDate_RefusesNamingRowAndColumn()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[4, C.Peildatum] = "31-02-2026";
        sheet[2, C.Ontstaansdatum] = "1-9-2025";

        // Act
        var result = Import(sheet.Save());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, C.Peildatum), (problem.Row, problem.Column));
        Assert.Equal(new Date { Year = 2025, Month = 9, Day = 1 }, ((SaldoverzoekAntwoord)Assert.Single(result.Answers).Answer).Vorderingen[0].Ontstaansdatum);
    }

    [Fact]
    public void Read_UnknownRequestId_RefusesOnlyThatRequest()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[4, K.VerzoekId] = "00000000-0000-0000-0000-000000000000";

        // Act
        var result = Import(sheet.Save());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, K.VerzoekId), (problem.Row, problem.Column));
        Assert.Equal([4], result.RefusedRows);
        Assert.Equal(JansenId, Assert.Single(result.Answers).Request.MessageId);
    }

    [Fact]
    public void Read_DuplicatedRow_RefusesTheRequest()
    {
        // Arrange
        var sheet = FilledIn();
        sheet.AddRowCopy(4);

        // Act
        var result = Import(sheet.Save());

        // Assert
        Assert.Contains(result.Problems, p => p is { Row: 5, Column: C.FactuurnummerVolgensShv } && p.Message.Contains("rij 4", StringComparison.Ordinal));
        Assert.Equal([4, 5], result.RefusedRows);
        Assert.Equal(JansenId, Assert.Single(result.Answers).Request.MessageId);
    }

    [Fact]
    public void Read_RowsOfOneRequestDisagree_RefusesNamingTheColumn()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[3, K.KlantnummerSe] = "K-99999";

        // Act
        var result = Import(sheet.Save());

        // Assert
        Assert.Contains(result.Problems, p => p is { Row: 3, Column: K.KlantnummerSe });
        Assert.Equal([2, 3], result.RefusedRows);
    }

    [Fact]
    public void Read_UnknownAntwoord_RefusesNamingAntwoord()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[4, K.Antwoord] = "misschien";

        // Act
        var result = Import(sheet.Save());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, K.Antwoord), (problem.Row, problem.Column));
        Assert.Contains("geen-medewerking", problem.Message, StringComparison.Ordinal);
        Assert.Single(result.Answers);
    }

    [Fact]
    public void Read_MissingRequiredColumn_RefusesEveryRowNamingTheColumn()
    {
        // Arrange
        var sheet = FilledIn();
        sheet.RemoveColumn(K.Antwoord);

        // Act
        var result = Import(sheet.Save());

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, K.Antwoord), (problem.Row, problem.Column));
        Assert.Equal([2, 3, 4], result.RefusedRows);
        Assert.Empty(result.Answers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Verzoek-id;Antwoord;Openstaand saldo\r\n")]
    [InlineData("Verzoek-id;Antwoord;Openstaand saldo\r\n;;\r\n")]
    public void Read_EmptyFileOrHeaderOnly_RefusedAtRowOne(string csv)
    {
        // Arrange
        var input = Utf8(csv);

        // Act
        var result = Import(input);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, string.Empty), (problem.Row, problem.Column));
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Read_RequestAlreadyAnswered_IsSkippedNotRefused()
    {
        // Arrange
        var sheet = FilledIn();

        // Act
        var result = Import(sheet.Save(), JansenId);

        // Assert
        Assert.Equal([JansenId], result.Skipped);
        Assert.Equal(string.Empty, Describe(result.Problems));
        Assert.Equal(De_BoerId, Assert.Single(result.Answers).Request.MessageId);
    }

    [Fact]
    public void Read_RequestLeftBlank_IsNeitherAnsweredNorRefused()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(4, (K.Antwoord, "saldo"), (C.OpenstaandSaldo, "10"), (K.KlantnummerSe, "W-1001"), (K.ContactNaam, "Jan"), (K.ContactTelefoon, "0201234567"));

        // Act
        var result = Import(sheet.Save());

        // Assert
        Assert.Equal(string.Empty, Describe(result.Problems));
        Assert.Empty(result.Skipped);
        Assert.Equal(De_BoerId, Assert.Single(result.Answers).Request.MessageId);
    }

    [Fact]
    public void Read_GeenMedewerking_BuildsGeenMedewerkingAndRequiresToelichtingForOverig()
    {
        // Arrange
        var sheet = Exported();
        sheet.Fill(2, (K.Antwoord, "geen-medewerking"), (C.RedenGeenMedewerking, "Klant onbekend"));
        sheet.Fill(4, (K.Antwoord, "geen-medewerking"), (C.RedenGeenMedewerking, "overig"));

        // Act
        var result = Import(sheet.Save());

        // Assert
        var answer = Assert.IsType<GeenMedewerking>(Assert.Single(result.Answers).Answer);
        Assert.Equal(GeenMedewerkingReden.KlantOnbekend, answer.Reden);
        Assert.Empty(Violations(answer));
        var problem = Assert.Single(result.Problems, p => p.Row == 4);
        Assert.Equal(K.Toelichting, problem.Column);
    }

    [Fact]
    public void WriteErrors_RefusedRows_WritesExactlyThoseRowsWithFoutAndReimportsAfterFix()
    {
        // Arrange
        var sheet = FilledIn();
        sheet[3, C.Rente] = "1,234";
        sheet[4, K.Antwoord] = "misschien";
        var original = ((MemoryStream)sheet.Save()).ToArray();
        var result = Import(new MemoryStream(original));
        using var errors = new MemoryStream();

        // Act
        SaldoverzoekSheet.WriteErrors(errors, new MemoryStream(original), result);

        // Assert
        var errorSheet = EditableSheet.Parse(new MemoryStream(errors.ToArray()));
        Assert.Equal(K.Fout, errorSheet.Headers[^1]);
        Assert.Equal(sheet.Headers, errorSheet.Headers.Take(errorSheet.Headers.Count - 1));
        Assert.Equal(4, errorSheet.RowCount);
        Assert.Equal([JansenId, JansenId, De_BoerId], [errorSheet[2, K.VerzoekId], errorSheet[3, K.VerzoekId], errorSheet[4, K.VerzoekId]]);
        Assert.Contains("rij 3", errorSheet[2, K.Fout], StringComparison.Ordinal);
        Assert.StartsWith("Rente:", errorSheet[3, K.Fout], StringComparison.Ordinal);
        Assert.StartsWith("Antwoord:", errorSheet[4, K.Fout], StringComparison.Ordinal);

        // Act: the person fixes the two cells and uploads the errors file.
        errorSheet[3, C.Rente] = "0";
        errorSheet[4, K.Antwoord] = "saldo";
        var again = Import(errorSheet.Save());

        // Assert
        Assert.Equal(string.Empty, Describe(again.Problems));
        Assert.Equal(2, again.Answers.Count);
        Assert.All(again.Answers, a => Assert.Empty(Violations(a.Answer)));
    }

    [Fact]
    public void Read_OtherSheetKind_RefusesTheRequest()
    {
        // Arrange
        var csv = $"Verzoek-id;Antwoord;Openstaand saldo\r\n{VoorstelId};saldo;10\r\n";

        // Act
        var result = SaldoverzoekSheet.Read(Utf8(csv), Lookup([Voorstel()]), Today);

        // Assert
        Assert.Equal((2, K.VerzoekId), (result.Problems[0].Row, result.Problems[0].Column));
        Assert.Empty(result.Answers);
    }
}
