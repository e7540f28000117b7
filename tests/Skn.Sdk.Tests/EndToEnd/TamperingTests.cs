using Google.Protobuf;
using Skn.Contracts.Rules;
using Skn.Sdk;
using Skn.Sdk.Sealing;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>
/// Berichten that reach the recipient through the node but must not be trusted: each is refused by
/// the receiving SDK with its own exception and never acknowledged, so it stays on the node.
/// </summary>
public sealed class TamperingTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _belasting = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _belasting = Clients.For(_node, Demo.Belasting);
    }

    public async Task DisposeAsync()
    {
        await _belasting.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Fetch_FlippedByteInBody_RefusedAsTamperedAndNotAcknowledged()
    {
        // Arrange
        var envelope = NewEnvelope(Demo.Gemeente);
        var sealedContent = Seal(envelope, signer: Demo.Gemeente);
        sealedContent[sealedContent.Length / 2] ^= 0x01;
        await SendRawAsync(Demo.Gemeente, envelope, sealedContent);

        // Act
        var (received, refused) = await FetchAsync();

        // Assert
        Assert.Empty(received);
        Assert.IsType<SknContentTamperedException>(Assert.Single(refused).Error);
        await AssertNotAcknowledgedAsync(envelope.MessageId);
    }

    [Fact]
    public async Task Fetch_BodyResentUnderAnotherEnvelope_RefusedAsHeaderMismatch()
    {
        // Arrange: a body sealed for one envelope is sent again under a new message id.
        var original = NewEnvelope(Demo.Gemeente);
        var sealedContent = Seal(original, signer: Demo.Gemeente);
        var replay = original.Clone();
        replay.MessageId = Guid.NewGuid().ToString();
        replay.RequestId = "";
        await SendRawAsync(Demo.Gemeente, replay, sealedContent);

        // Act
        var (received, refused) = await FetchAsync();

        // Assert
        Assert.Empty(received);
        var error = Assert.IsType<SknHeaderMismatchException>(Assert.Single(refused).Error);
        Assert.Equal(replay.MessageId, error.MessageId);
        Assert.Contains(error.Mismatches, m => m.Field == "header.message_id");
        await AssertNotAcknowledgedAsync(replay.MessageId);
    }

    [Fact]
    public async Task Fetch_SignedByAnotherParticipant_RefusedAsSignerMismatch()
    {
        // Arrange: the Gemeente sends a body that the Kredietbank signed.
        var envelope = NewEnvelope(Demo.Gemeente);
        var sealedContent = Seal(envelope, signer: Demo.Kredietbank);
        await SendRawAsync(Demo.Gemeente, envelope, sealedContent);

        // Act
        var (received, refused) = await FetchAsync();

        // Assert
        Assert.Empty(received);
        Assert.IsType<SknSignerMismatchException>(Assert.Single(refused).Error);
        await AssertNotAcknowledgedAsync(envelope.MessageId);
    }

    [Fact]
    public async Task Fetch_ContentBreakingRulesSentWithoutTheSdk_RefusedByTheReceivingSdk()
    {
        // Arrange: a Saldoverzoek without BSN to a Publiek creditor, sealed correctly but not checked.
        var envelope = NewEnvelope(Demo.Gemeente);
        var content = new Content { Header = HeaderOf(envelope) }.SetBericht(Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        await SendRawAsync(Demo.Gemeente, envelope, Seal(content, Demo.Gemeente));

        // Act
        var (received, refused) = await FetchAsync();

        // Assert
        Assert.Empty(received);
        var error = Assert.IsType<SknContentRuleException>(Assert.Single(refused).Error);
        Assert.Contains(error.Violations, v => v.Field == "saldoverzoek.klant.bsn");
        await AssertNotAcknowledgedAsync(envelope.MessageId);
    }

    [Fact]
    public async Task Fetch_RefusedBerichtBetweenGoodOnes_GoodOnesStillArrive()
    {
        // Arrange
        await using var gemeente = Clients.For(_node, Demo.Gemeente);
        await gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false));
        var bad = NewEnvelope(Demo.Gemeente);
        var sealedContent = Seal(bad, signer: Demo.Gemeente);
        sealedContent[^20] ^= 0xff;
        await SendRawAsync(Demo.Gemeente, bad, sealedContent);
        await gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false));

        // Act
        var (received, refused) = await FetchAsync();

        // Assert
        Assert.Equal(2, received.Count);
        Assert.Equal(bad.MessageId, Assert.Single(refused).Envelope.MessageId);
    }

    [Fact]
    public async Task OpenAsync_FlippedByte_ThrowsTampered()
    {
        // Arrange
        var envelope = NewEnvelope(Demo.Gemeente);
        envelope.SenderOin = Demo.Gemeente;
        var sealedContent = Seal(envelope, signer: Demo.Gemeente);
        sealedContent[sealedContent.Length - 40] ^= 0x80;
        envelope.SealedContent = ByteString.CopyFrom(sealedContent);

        // Act + Assert
        await Assert.ThrowsAsync<SknContentTamperedException>(() => _belasting.OpenAsync(envelope));
    }

    private static Envelope NewEnvelope(string sender) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Type = BerichtType.Saldoverzoek,
        SenderOin = sender,
        RecipientOin = Demo.Belasting,
        ConversationId = Guid.NewGuid().ToString(),
        DefinitionVersion = "1.0",
    };

    private static ContentHeader HeaderOf(Envelope envelope) => new()
    {
        MessageId = envelope.MessageId,
        Type = envelope.Type,
        SenderOin = envelope.SenderOin,
        RecipientOin = envelope.RecipientOin,
        ConversationId = envelope.ConversationId,
        DefinitionVersion = envelope.DefinitionVersion,
    };

    private byte[] Seal(Envelope envelope, string signer) =>
        Seal(new Content { Header = HeaderOf(envelope) }.SetBericht(Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false)), signer);

    private byte[] Seal(Content content, string signer) =>
        ContentSeal.Seal(content, _node.ParticipantCertificate(signer), [_node.ParticipantCertificate(Demo.Belasting)], _node.Time.GetUtcNow());

    private async Task SendRawAsync(string sender, Envelope envelope, byte[] sealedContent)
    {
        var sent = envelope.Clone();
        sent.SealedContent = ByteString.CopyFrom(sealedContent);
        await _node.Exchange(sender).SendAsync(sent);
    }

    private async Task<(List<ReceivedMessage> Received, List<RefusedMessage> Refused)> FetchAsync()
    {
        var refused = new List<RefusedMessage>();
        var options = new FetchOptions
        {
            OnRefused = (message, _) =>
            {
                refused.Add(message);
                return Task.CompletedTask;
            },
        };
        return (await _belasting.ReceiveAllAsync(options), refused);
    }

    private async Task AssertNotAcknowledgedAsync(string messageId)
    {
        var entry = Assert.Single(await _belasting.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync(), e => e.Envelope.MessageId == messageId);
        Assert.NotEqual(EnvelopeState.Acknowledged, entry.Envelope.State);
        Assert.Equal(1, entry.DeliveryAttempts);
    }
}
