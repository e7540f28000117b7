using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>Send, FetchPending and Acknowledge through the real node, for every bericht type's role rules and refusals.</summary>
public sealed class SendRulesTests
{
    [Fact]
    public async Task Conversation_EveryBerichtType_IsDeliveredAndAcknowledged()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var conversation = Guid.NewGuid().ToString();
        async Task<string> Exchange(string from, string to, BerichtType type, string? inReplyTo = null)
        {
            var sent = await node.Exchange(from).SendAsync(Demo.Envelope(type, to, inReplyTo, inReplyTo is null ? conversation : null));
            var deliveries = await node.Exchange(to).FetchAllAsync();
            var delivery = Assert.Single(deliveries);
            Assert.Equal(sent.MessageId, delivery.Envelope.MessageId);
            Assert.Equal(type, delivery.Envelope.Type);
            Assert.Equal(from, delivery.Envelope.SenderOin);
            Assert.Equal(conversation, delivery.Envelope.ConversationId);
            var ack = await node.Exchange(to).AckAsync(delivery);
            Assert.Equal(AcknowledgeOutcome.Acknowledged, Assert.Single(ack.Results).Outcome);
            return sent.MessageId;
        }

        // Act and assert: the whole settlement conversation of DOMAIN.md, every type once at least.
        var kennisgeving = await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.Kennisgeving);
        await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.KennisgevingAntwoord, kennisgeving);
        await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.GeenMedewerking, kennisgeving);
        var saldoverzoek = await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.Saldoverzoek);
        await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.SaldoverzoekAntwoord, saldoverzoek);
        await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.SaldoverzoekAntwoordVoorafAkkoord, saldoverzoek);
        var voorstel = await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.Betaalvoorstel);
        var nietAkkoord = await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.BetaalvoorstelAntwoordNietAkkoord, voorstel);
        var heroverweging = await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.Heroverweging, nietAkkoord);
        await Exchange(Demo.Woonstichting, Demo.Gemeente, BerichtType.BetaalvoorstelAntwoordAkkoord, heroverweging);
        await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.RegelingGeaccordeerd);
        await Exchange(Demo.Gemeente, Demo.Woonstichting, BerichtType.Beeindiging);
    }

    [Theory]
    [InlineData(Demo.Woonstichting, BerichtType.Saldoverzoek, Demo.Gemeente)]
    [InlineData(Demo.Woonstichting, BerichtType.Kennisgeving, Demo.Gemeente)]
    [InlineData(Demo.Gemeente, BerichtType.SaldoverzoekAntwoord, Demo.Woonstichting)]
    public async Task Send_WrongRole_PermissionDeniedOnType(string sender, BerichtType type, string recipient)
    {
        // Arrange
        await using var node = await TestNode.StartAsync();

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.RoleNotAllowed,
            () => node.Exchange(sender).SendAsync(Demo.Envelope(type, recipient, type == BerichtType.SaldoverzoekAntwoord ? Guid.NewGuid().ToString() : null)),
            "envelope.type");
    }

    [Fact]
    public async Task Send_UnknownRecipient_NotFoundOnRecipient()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.NotFound, ErrorReason.RecipientUnknown,
            () => node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, "00000099000000009999")),
            "envelope.recipient_oin");
    }

    [Fact]
    public async Task Send_SuspendedRecipient_FailedPrecondition()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.FailedPrecondition, ErrorReason.RecipientInactive,
            () => node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Suspended)),
            "envelope.recipient_oin");
    }

    [Fact]
    public async Task Send_RecipientOfSameRole_FailedPrecondition()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.FailedPrecondition, ErrorReason.RecipientRoleMismatch,
            () => node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Kredietbank)),
            "envelope.recipient_oin");
    }

    [Fact]
    public async Task Send_ReplyToForeignEnvelope_NotFoundOnInReplyTo()
    {
        // Arrange: the Saldoverzoek goes to the Woonstichting; Energie Noord tries to answer it.
        await using var node = await TestNode.StartAsync();
        var request = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.NotFound, ErrorReason.ReplyTargetNotFound,
            () => node.Exchange(Demo.EnergieNoord).SendAsync(Demo.Envelope(BerichtType.SaldoverzoekAntwoord, Demo.Gemeente, request.MessageId)),
            "envelope.in_reply_to");
    }

    [Fact]
    public async Task Send_ReplyOfWrongType_FailedPreconditionOnInReplyTo()
    {
        await using var node = await TestNode.StartAsync();
        var kennisgeving = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Kennisgeving, Demo.Woonstichting));

        await RpcAssert.ThrowsAsync(StatusCode.FailedPrecondition, ErrorReason.ReplyTypeNotAllowed,
            () => node.Exchange(Demo.Woonstichting).SendAsync(Demo.Envelope(BerichtType.SaldoverzoekAntwoord, Demo.Gemeente, kennisgeving.MessageId)),
            "envelope.in_reply_to");
    }

    [Fact]
    public async Task Send_AnswerWithoutInReplyTo_InvalidArgument()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.ReplyTargetMissing,
            () => node.Exchange(Demo.Woonstichting).SendAsync(Demo.Envelope(BerichtType.SaldoverzoekAntwoord, Demo.Gemeente)),
            "envelope.in_reply_to");
    }

    [Fact]
    public async Task Send_Oversize_InvalidArgumentOnSealedContent()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:MaxSealedContentBytes"] = "2048" });

        // Act and assert
        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.ContentTooLarge,
            () => node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: new byte[4096])),
            "envelope.sealed_content");
    }

    [Fact]
    public async Task Send_SeveralBadFields_AllReportedAndNothingStored()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var envelope = Demo.Envelope(BerichtType.Saldoverzoek, "12345");
        envelope.MessageId = "not-a-uuid";
        envelope.SealedContent = Google.Protobuf.ByteString.Empty;

        // Act
        var error = await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => node.Exchange(Demo.Gemeente).SendAsync(envelope), "envelope.message_id");

        // Assert
        var fields = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["envelope.message_id", "envelope.recipient_oin", "envelope.sealed_content"], fields);
        var trail = await node.Exchange(Demo.Gemeente).ListTrailAsync(new ListTrailRequest(), Demo.Call);
        Assert.Empty(trail.Entries);
    }

    [Fact]
    public async Task Send_RetryWithSameRequestId_ReturnsFirstEnvelope()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var first = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        first.RequestId = "antwoord-run-1";
        var retry = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        retry.RequestId = "antwoord-run-1";

        // Act
        var stored = await node.Exchange(Demo.Gemeente).SendAsync(first);
        var again = await node.Exchange(Demo.Gemeente).SendAsync(retry);

        // Assert
        Assert.Equal(first.MessageId, stored.MessageId);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Single(await node.Exchange(Demo.Woonstichting).FetchAllAsync());
    }

    [Fact]
    public async Task BatchSend_MixedItems_ReportsEachOnItsOwn()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var request = new BatchSendRequest();
        request.Requests.Add(new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) });
        request.Requests.Add(new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, "00000099000000009999") });

        // Act
        var response = await node.Exchange(Demo.Gemeente).BatchSendAsync(request, Demo.Call);

        // Assert
        Assert.NotNull(response.Results[0].Envelope);
        Assert.Equal((int)StatusCode.NotFound, response.Results[1].Failure.Code);
        Assert.Equal(ErrorReason.RecipientUnknown, response.Results[1].Failure.Reason);
        Assert.Single(await node.Exchange(Demo.Woonstichting).FetchAllAsync());
    }
}
