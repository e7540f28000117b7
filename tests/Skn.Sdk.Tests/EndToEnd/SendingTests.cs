using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>Sending through the SDK: content rules before anything leaves, idempotency, no plaintext on the node.</summary>
public sealed class SendingTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _gemeente = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _gemeente = Clients.For(_node, Demo.Gemeente);
    }

    public async Task DisposeAsync()
    {
        await _gemeente.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_PubliekRecipientWithoutBsn_RefusedByFieldAndNothingSent()
    {
        // Arrange
        var verzoek = Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false);

        // Act
        var error = await Assert.ThrowsAsync<SknContentRuleException>(() => _gemeente.SendAsync(Demo.Belasting, verzoek));

        // Assert
        Assert.Contains(error.Violations, v => v.Field == "saldoverzoek.klant.bsn");
        Assert.Empty(await _gemeente.ListTrailAsync().ToListAsync());
    }

    [Fact]
    public async Task SendAsync_NutsRecipientWithoutMeterstanden_Refused()
    {
        // Arrange
        var verzoek = Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false);

        // Act
        var error = await Assert.ThrowsAsync<SknContentRuleException>(() => _gemeente.SendAsync(Demo.EnergieNoord, verzoek));

        // Assert
        Assert.Contains(error.Violations, v => v.Field == "saldoverzoek.meterstanden");
    }

    [Fact]
    public async Task SendAsync_VtlbVerplichtRecipientWithoutPdf_Refused()
    {
        // Arrange
        var voorstel = Berichten.Betaalvoorstel(withBsn: true, withVtlb: false, withMeterstanden: false);

        // Act
        var error = await Assert.ThrowsAsync<SknContentRuleException>(() => _gemeente.SendAsync(Demo.Belasting, voorstel));

        // Assert
        Assert.Contains(error.Violations, v => v.Field.StartsWith("betaalvoorstel.bijlagen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_RecipientsWithTheirAttributes_ValidBerichtenPass()
    {
        // Act
        var toPubliek = await _gemeente.SendAsync(Demo.Belasting, Berichten.Betaalvoorstel(withBsn: true, withVtlb: true, withMeterstanden: false));
        var toNuts = await _gemeente.SendAsync(Demo.EnergieNoord, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: true));

        // Assert
        Assert.False(toPubliek.WasAlreadySent);
        Assert.False(toNuts.WasAlreadySent);
        Assert.Equal(2, (await _gemeente.ListTrailAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task SendAsync_SameRequestIdTwice_SecondReturnsTheFirstSend()
    {
        // Arrange
        var options = new SendOptions { RequestId = "dossier-0042-saldo-belasting" };

        // Act
        var first = await _gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false), options);
        var second = await _gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false), options);

        // Assert
        Assert.False(first.WasAlreadySent);
        Assert.True(second.WasAlreadySent);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Single(await _gemeente.ListTrailAsync().ToListAsync());
    }

    [Fact]
    public async Task SendAsync_RoleMayNotSendType_NodeRefusalArrivesTyped()
    {
        // Arrange: a debt counsellor tries to send a creditor's answer.
        var options = new SendOptions { InReplyTo = Guid.NewGuid().ToString() };

        // Act
        var error = await Assert.ThrowsAsync<SknRequestException>(() => _gemeente.SendAsync(Demo.Belasting, Berichten.SaldoverzoekAntwoord(), options));

        // Assert
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(ErrorReason.RoleNotAllowed, error.Reason);
        Assert.Contains(error.FieldViolations, v => v.Field == "envelope.type");
    }

    [Fact]
    public async Task SendAsync_NoticeWithoutDossier_ArgumentExceptionBeforeSending()
    {
        // Act + Assert
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _gemeente.SendAsync(Demo.Belasting, Berichten.RegelingGeaccordeerd()));
        Assert.Contains("ConversationId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_KnownBsnAndName_NeitherIsInTheNodesDatabase()
    {
        // Arrange
        var bsn = System.Text.Encoding.UTF8.GetBytes(Berichten.Bsn);
        var name = System.Text.Encoding.UTF8.GetBytes(Berichten.Achternaam);

        // Act: pending (stored, not yet fetched) is when the node holds the content.
        await _gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false));
        await _gemeente.SendAsync(Demo.Belasting, Berichten.Betaalvoorstel(withBsn: true, withVtlb: true, withMeterstanden: false));

        // Assert
        Assert.True(File.Exists(_node.DatabasePath));
        DatabaseFiles.AssertNotContained(_node.DatabasePath, bsn);
        DatabaseFiles.AssertNotContained(_node.DatabasePath, name);
        Assert.Equal(2, (await _gemeente.ListTrailAsync().ToListAsync()).Count);
    }
}
