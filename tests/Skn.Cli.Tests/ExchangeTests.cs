using System.Text.Json;
using Skn.Cli.Tests.Support;

namespace Skn.Cli.Tests;

/// <summary>A debt counsellor sends with skn, a creditor fetches, checks and acknowledges with skn: the daily loop.</summary>
public sealed class ExchangeTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _cli = CliRunner.For(_node);
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
        await _cli.AddProfileAsync(_node, "woonstichting", Demo.Woonstichting);
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task SendFetchAck_OneSaldoverzoek_FetchedWithItsFieldsThenGoneAfterAck()
    {
        // Arrange
        var sent = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var messageId = sent.Value("message id");
        Assert.Equal("2026-12-07", sent.Value("reply due")); // 10 working days after Monday 23 November 2026.

        // Act
        var fetched = await _cli.RunAsync("--profile", "woonstichting", "fetch", "--json");
        var acknowledged = await _cli.RunAsync("--profile", "woonstichting", "ack", messageId);
        var again = await _cli.RunAsync("--profile", "woonstichting", "fetch", "--json");

        // Assert: one JSON line with the envelope and the bericht in the contract's JSON mapping.
        Assert.True(fetched.ExitCode == 0, fetched.ToString());
        var line = Assert.Single(fetched.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(messageId, json.RootElement.GetProperty("messageId").GetString());
        Assert.Equal("saldoverzoek", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(Demo.Gemeente, json.RootElement.GetProperty("envelope").GetProperty("senderOin").GetString());
        var bericht = json.RootElement.GetProperty("bericht");
        Assert.Equal(BerichtFiles.KlantnummerShv, bericht.GetProperty("klantnummerShv").GetString());
        Assert.Equal("Zwanenburg-Oudshoorn", bericht.GetProperty("klant").GetProperty("achternaam").GetString());

        Assert.True(acknowledged.ExitCode == 0, acknowledged.ToString());
        Assert.Equal($"{messageId}: acknowledged", acknowledged.Output.Trim());

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Output.Trim());
    }

    [Fact]
    public async Task Ack_IdNotFetchedByThisProfile_ReportsItAndExitsOne()
    {
        // Arrange
        var unknown = Guid.NewGuid().ToString();

        // Act
        var result = await _cli.RunAsync("--profile", "woonstichting", "ack", unknown);

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{unknown}: not fetched by this profile", result.Output.Trim());
    }

    [Fact]
    public async Task Fetch_Table_ShowsIdTypeSenderAndDueDateWithoutAcknowledging()
    {
        // Arrange
        var sent = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
        var messageId = sent.Value("message id");

        // Act
        var first = await _cli.RunAsync("--profile", "woonstichting", "fetch");
        var second = await _cli.RunAsync("--profile", "woonstichting", "fetch");

        // Assert: not acknowledged, so the second fetch shows it again.
        Assert.True(first.ExitCode == 0, first.ToString());
        var row = first.Output.Split('\n').Single(l => l.Contains(messageId, StringComparison.Ordinal));
        Assert.Contains("saldoverzoek", row);
        Assert.Contains(Demo.Gemeente, row);
        Assert.Contains("2026-12-07", row);
        Assert.Contains(messageId, second.Output);
    }

    [Fact]
    public async Task FetchOut_TwoMessages_WritesOneFilePerMessage()
    {
        // Arrange
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var sent = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
            ids.Add(sent.Value("message id"));
        }

        var folder = Path.Combine(_cli.WorkingDirectory, "inbox");

        // Act
        var result = await _cli.RunAsync("--profile", "woonstichting", "fetch", "--out", folder);

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(ids.Select(id => id + ".json").Order(), files);
        foreach (var id in ids)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, id + ".json")));
            Assert.Equal(id, json.RootElement.GetProperty("messageId").GetString());
            Assert.Equal(BerichtFiles.KlantnummerShv, json.RootElement.GetProperty("bericht").GetProperty("klantnummerShv").GetString());
        }
    }

    [Fact]
    public async Task Trail_AfterSend_ListsTheSentMessageWithItsState()
    {
        // Arrange
        var sent = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
        var messageId = sent.Value("message id");

        // Act
        var result = await _cli.RunAsync("--profile", "gemeente", "trail", "--sent", "--type", "saldoverzoek");

        // Assert
        Assert.True(result.ExitCode == 0, result.ToString());
        var row = result.Output.Split('\n').Single(l => l.Contains(messageId, StringComparison.Ordinal));
        Assert.Contains("sent", row);
        Assert.Contains(Demo.Woonstichting, row);
        Assert.Contains("pending", row);
    }

    [Fact]
    public async Task Overdue_AfterTheDueDate_ShowsTheUnansweredSaldoverzoek()
    {
        // Arrange: Wednesday 9 December 2026 is two working days past the due date of 7 December.
        var sent = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
        var messageId = sent.Value("message id");
        var before = await _cli.RunAsync("--profile", "woonstichting", "overdue");
        _node.Time.Advance(TimeSpan.FromDays(16));

        // Act
        var result = await _cli.RunAsync("--profile", "woonstichting", "overdue");

        // Assert: not listed while 10 working days remained, listed as overdue after.
        Assert.DoesNotContain(messageId, before.Output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var row = result.Output.Split('\n').Single(l => l.Contains(messageId, StringComparison.Ordinal));
        Assert.Contains("OVERDUE by 2", row);
        Assert.Contains("2026-12-07", row);
    }

    [Fact]
    public async Task SendAnswer_WithReplyTo_AnswersInTheDossierAndClosesTheRequest()
    {
        // Arrange
        var request = await _cli.RunAsync("--profile", "gemeente", "send", "saldoverzoek", "--to", Demo.Woonstichting, "--file", _cli.SaldoverzoekFile());
        var requestId = request.Value("message id");
        await _cli.RunAsync("--profile", "woonstichting", "fetch");
        await _cli.RunAsync("--profile", "woonstichting", "ack", requestId);

        // Act
        var answer = await _cli.RunAsync("--profile", "woonstichting", "send", "saldoverzoek-antwoord", "--to", Demo.Gemeente, "--reply-to", requestId, "--file", _cli.SaldoverzoekAntwoordFile());
        var open = await _cli.RunAsync("--profile", "woonstichting", "overdue", "--within", "10");

        // Assert: the answer joined the request's dossier, expects no answer itself, and closed the request.
        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.Equal(request.Value("dossier"), answer.Value("dossier"));
        Assert.Equal("-", answer.Value("reply due"));
        Assert.DoesNotContain(requestId, open.Output);
        Assert.Contains("no open requests", open.Output);
    }

    [Fact]
    public async Task SendAnswer_WithoutReplyTo_ExitsTwoNamingTheOption()
    {
        // Act
        var result = await _cli.RunAsync("--profile", "woonstichting", "send", "saldoverzoek-antwoord", "--to", Demo.Gemeente, "--file", _cli.SaldoverzoekAntwoordFile());

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--reply-to", result.Error);
    }
}
