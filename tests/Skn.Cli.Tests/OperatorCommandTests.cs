using Skn.Certificates;
using Skn.Cli.Tests.Support;
using Skn.V1;

namespace Skn.Cli.Tests;

/// <summary><c>skn operator ...</c>: the node operator's commands, run with the demo operator's certificate.</summary>
public sealed class OperatorCommandTests : IAsyncLifetime
{
    private const string NewOin = "00000099000000000302";

    private TestNode _node = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _cli = CliRunner.For(_node);
        var operators = Path.Combine(_node.CertificatesDirectory, "operators");
        var added = await _cli.RunAsync(
            "profile", "add", "beheer",
            "--node", _node.Address.ToString(),
            "--cert", Path.Combine(operators, Demo.Operator + ".pem"),
            "--key", Path.Combine(operators, Demo.Operator + "-key.pem"),
            "--ca", Path.Combine(_node.CertificatesDirectory, "ca.pem"));
        Assert.True(added.ExitCode == 0, added.ToString());
        await _cli.AddProfileAsync(_node, "gemeente", Demo.Gemeente);
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task AdmitChangeAndParticipants_NewOrganisation_ListedWithItsAttributes()
    {
        // Arrange: the new organisation's public certificate as a PEM file.
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(_node.CertificatesDirectory, _node.CertificateClock);
        using var certificate = ca.IssueParticipantCertificate(NewOin, "Zorgverzekeraar Zuid");
        var pem = Path.Combine(_cli.WorkingDirectory, "zuid.pem");
        PemFiles.WriteCertificate(certificate, pem, null);

        // Act
        var admitted = await _cli.RunAsync("--profile", "beheer", "operator", "admit", NewOin, "--name", "Zorgverzekeraar Zuid", "--role", "SE", "--cert", pem);
        var changed = await _cli.RunAsync("--profile", "beheer", "operator", "change", NewOin, "--attributes", "PUBLIEK,VERLENGEN_AFHANDELTERMIJN");
        var listed = await _cli.RunAsync("--profile", "beheer", "operator", "participants");
        var entry = await _node.Directory(Demo.Gemeente).GetParticipantAsync(new GetParticipantRequest { Oin = NewOin }, Demo.Call);

        // Assert
        Assert.True(admitted.ExitCode == 0, admitted.ToString());
        Assert.Equal($"admitted {NewOin} (Zorgverzekeraar Zuid, SE): active", admitted.Output.Trim());
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains("attributes: Publiek, Verlengen afhandeltermijn", changed.Output);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(NewOin, listed.Output);
        Assert.Contains(Demo.Suspended, listed.Output);
        Assert.Equal([ParticipantAttribute.Publiek, ParticipantAttribute.VerlengenAfhandeltermijn], entry.Participant.Attributes);
    }

    [Fact]
    public async Task SuspendReinstateTrafficFiguresAudit_OneBericht_ShownWithoutContent()
    {
        // Arrange
        var sent = await _node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));

        // Act
        var suspended = await _cli.RunAsync("--profile", "beheer", "operator", "suspend", Demo.EnergieNoord, "--reason", "wanbetaling");
        var state = (await _node.Directory(Demo.Gemeente).GetParticipantAsync(new GetParticipantRequest { Oin = Demo.EnergieNoord }, Demo.Call)).Participant.State;
        var reinstated = await _cli.RunAsync("--profile", "beheer", "operator", "reinstate", Demo.EnergieNoord);
        var traffic = await _cli.RunAsync("--profile", "beheer", "operator", "traffic", "--participant", Demo.EnergieNoord, "--state", "pending");
        var figures = await _cli.RunAsync("--profile", "beheer", "operator", "figures", "--participant", Demo.EnergieNoord);
        var audit = await _cli.RunAsync("--profile", "beheer", "operator", "audit");

        // Assert
        Assert.True(suspended.ExitCode == 0, suspended.ToString());
        Assert.Equal($"{Demo.EnergieNoord} (Energie Noord): suspended", suspended.Output.Trim());
        Assert.Equal(ParticipantState.Suspended, state);
        Assert.Equal($"{Demo.EnergieNoord} (Energie Noord): active", reinstated.Output.Trim());
        Assert.True(traffic.ExitCode == 0, traffic.ToString());
        Assert.Contains(sent.MessageId, traffic.Output);
        Assert.Contains("saldoverzoek", traffic.Output);
        Assert.True(figures.ExitCode == 0, figures.ToString());
        Assert.Contains(Demo.EnergieNoord, figures.Output);
        Assert.DoesNotContain(Demo.Gemeente, figures.Output);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("SuspendParticipant", audit.Output);
        Assert.Contains("ReinstateParticipant", audit.Output);
    }

    [Fact]
    public async Task Operator_ParticipantProfileOrBadInput_RefusedWithReasonOrField()
    {
        // Act
        var participant = await _cli.RunAsync("--profile", "gemeente", "operator", "figures");
        var badOin = await _cli.RunAsync("--profile", "beheer", "operator", "suspend", "123");
        var badRole = await _cli.RunAsync("--profile", "beheer", "operator", "admit", NewOin, "--name", "X", "--role", "BANK", "--cert", "missing.pem");

        // Assert
        Assert.Equal(1, participant.ExitCode);
        Assert.Contains("ERROR_REASON_OPERATOR_ONLY", participant.Error);
        Assert.Equal(1, badOin.ExitCode);
        Assert.Contains("oin: must be an OIN of 20 digits", badOin.Error);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("--role", badRole.Error);
    }
}
