using System.Text.Json;
using Google.Protobuf;
using DemoBerichten = Skn.TestUtilities.Berichten;
using Skn.Cli.Tests.ListWork;
using Skn.Cli.Tests.Support;
using Skn.V1;

namespace Skn.Cli.Tests;

/// <summary>
/// A creditor's list work against a real node: export the open Saldoverzoeken, fill in the balances
/// as a person would, import; each debt counsellor receives exactly its own answers, and a second
/// import sends nothing new.
/// </summary>
public sealed class CsvListWorkTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _cli = CliRunner.For(_node);
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        await _cli.AddProfileAsync(_node, "kredietbank", Demo.Kredietbank);
        await _cli.AddProfileAsync(_node, "woonstichting", Demo.Woonstichting);
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task ExportEditImport_TwoDebtCounsellors_EachReceivesItsOwnAnswersOnce()
    {
        // Arrange: the Gemeente asks about two clients (one with three claims), the Kredietbank about one.
        var threeClaims = DemoBerichten.Saldoverzoek(withBsn: false, withMeterstanden: false);
        threeClaims.Vorderingen.Add(new VorderingVerwijzing { FactuurnummerSeVolgensShv = "F-2026-0513", Omschrijving = "Huur mei; incl. servicekosten" });
        var a = await SendAsync("gemeente", _cli.WriteFile("a.json", JsonFormatter.Default.Format(threeClaims)));
        var b = await SendAsync("gemeente", _cli.SaldoverzoekFile());
        var c = await SendAsync("kredietbank", _cli.SaldoverzoekFile());

        // Act: export, fill in every row as staff would (Dutch amounts), import.
        var export = await _cli.RunAsync("--profile", "woonstichting", "csv", "export", "saldoverzoeken.csv");
        var exportPath = Path.Combine(_cli.WorkingDirectory, "saldoverzoeken.csv");
        EditableSheet sheet;
        using (var exported = File.OpenRead(exportPath))
        {
            sheet = EditableSheet.Parse(exported);
        }

        for (var row = 2; row <= sheet.RowCount; row++)
        {
            sheet.Fill(row, ("Antwoord", "saldo"), ("Hoofdsom", "1.234,56"), ("Rente", "10,00"), ("Kosten", "0"), ("Klantnummer SE", "K-88231"), ("Contactpersoon naam", "M. Bakker"), ("Contactpersoon telefoon", "0201234567"));
        }

        using (var filled = sheet.Save())
        using (var file = File.Create(Path.Combine(_cli.WorkingDirectory, "antwoorden.csv")))
        {
            filled.CopyTo(file);
        }

        var import = await _cli.RunAsync("--profile", "woonstichting", "csv", "import", "antwoorden.csv");
        var again = await _cli.RunAsync("--profile", "woonstichting", "csv", "import", "antwoorden.csv");
        var gemeente = await AnswersAsync("gemeente");
        var kredietbank = await AnswersAsync("kredietbank");
        var exportAfter = await _cli.RunAsync("--profile", "woonstichting", "csv", "export", "leeg.csv");

        // Assert
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("3 open saldoverzoeken", export.Output, StringComparison.Ordinal);
        Assert.Equal(8, sheet.RowCount); // header + three rows for a + two each for b and c
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("Sent: 3.", import.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Sent: 0.", again.Output, StringComparison.Ordinal);
        Assert.Contains("Already sent before: 3.", again.Output, StringComparison.Ordinal);

        Assert.Equal(new Dictionary<string, string> { [a] = "373368", [b] = "248912" }, gemeente);
        Assert.Equal(new Dictionary<string, string> { [c] = "248912" }, kredietbank);
        Assert.Contains("0 open saldoverzoeken", exportAfter.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RowWithBadAmount_RefusedToErrorsCsvAndTheOthersSent()
    {
        // Arrange
        var a = await SendAsync("gemeente", _cli.SaldoverzoekFile());
        await SendAsync("gemeente", _cli.SaldoverzoekFile());
        await _cli.RunAsync("--profile", "woonstichting", "csv", "export", "saldoverzoeken.csv");
        EditableSheet sheet;
        using (var exported = File.OpenRead(Path.Combine(_cli.WorkingDirectory, "saldoverzoeken.csv")))
        {
            sheet = EditableSheet.Parse(exported);
        }

        for (var row = 2; row <= 5; row++)
        {
            sheet.Fill(row, ("Antwoord", "saldo"), ("Hoofdsom", row == 2 ? "12,345" : "100,00"), ("Klantnummer SE", "K-88231"), ("Contactpersoon naam", "M. Bakker"), ("Contactpersoon e-mail", "debiteuren@example.nl"));
        }

        using (var filled = sheet.Save())
        using (var file = File.Create(Path.Combine(_cli.WorkingDirectory, "antwoorden.csv")))
        {
            filled.CopyTo(file);
        }

        // Act
        var import = await _cli.RunAsync("--profile", "woonstichting", "csv", "import", "antwoorden.csv");

        // Assert
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("Sent: 1.", import.Output, StringComparison.Ordinal);
        Assert.Contains("row 2, column 'Hoofdsom'", import.Error, StringComparison.Ordinal);
        var errors = File.ReadAllText(Path.Combine(_cli.WorkingDirectory, "antwoorden-fouten.csv"));
        Assert.Contains("Fout", errors, StringComparison.Ordinal);
        Assert.Contains(sheet[2, "Verzoek-id"], errors, StringComparison.Ordinal);
        Assert.Equal(sheet[2, "Verzoek-id"], sheet[3, "Verzoek-id"]); // both rows of the refused request go
        Assert.DoesNotContain(sheet[4, "Verzoek-id"], errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", import.All, StringComparison.Ordinal);
        Assert.NotEmpty(a);
    }

    private async Task<string> SendAsync(string profile, string file)
    {
        var sent = await _cli.RunAsync("--profile", profile, "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", file);
        Assert.True(sent.ExitCode == 0, sent.ToString());
        return sent.Value("message id");
    }

    /// <summary>The answers a debt counsellor fetches: answered request id → totaal_openstaand_cent.</summary>
    private async Task<Dictionary<string, string>> AnswersAsync(string profile)
    {
        var fetched = await _cli.RunAsync("--profile", profile, "fetch", "--json");
        Assert.True(fetched.ExitCode == 0, fetched.ToString());
        var answers = new Dictionary<string, string>();
        foreach (var line in fetched.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("saldoverzoek-antwoord", json.RootElement.GetProperty("type").GetString());
            answers[json.RootElement.GetProperty("envelope").GetProperty("inReplyTo").GetString()!] =
                json.RootElement.GetProperty("bericht").GetProperty("totaalOpenstaandCent").GetString()!;
        }

        return answers;
    }
}
