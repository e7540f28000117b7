using Google.Rpc;
using Grpc.Core;
using Skn.V1;

namespace Skn.Reliability.Tests.Authorization;

/// <summary>An RPC of the matrix.</summary>
public enum Rpc
{
    Send,
    BatchSend,
    FetchPending,
    Acknowledge,
    ExtendHandlingTerm,
    ListTrail,

    /// <summary>ExchangeService.ReleasePoisoned, named with an envelope of the target's mailbox that is not set aside.</summary>
    ReleasePoisoned,
    ListParticipants,
    GetParticipant,

    /// <summary>OperatorService.ListTraffic: the operator's column, filtered to the target participant.</summary>
    ListTraffic,
}

/// <summary>Whose envelope (or participant entry) the call is about.</summary>
public enum Target
{
    Own,
    Others,
}

/// <summary>
/// Every RPC × (own envelope / another participant's) × caller certificate, with the expected outcome
/// of each cell written out. "Own" is the mailbox of the OIN the certificate names; "another's" is a
/// participant of the same role. An outcome is the status code and ErrorInfo reason of a refusal, or
/// what an accepted call showed (delivered, acknowledged, listed, ...). Besides the outcome, every
/// cell checks that the envelope it aimed at changed only if the call was allowed to change it.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixNode fixture) : IClassFixture<MatrixNode>
{
    private const string Unauthenticated = "Unauthenticated ERROR_REASON_CERTIFICATE_UNKNOWN";
    private const string OperatorOnly = "PermissionDenied ERROR_REASON_OPERATOR_ONLY";

    /// <summary>The expected outcome of every cell.</summary>
    public static TheoryData<Rpc, Target, Caller, string> Matrix()
    {
        var data = new TheoryData<Rpc, Target, Caller, string>
        {
            // The SHV (Gemeente). Another's: the Kredietbank.
            { Rpc.Send, Target.Own, Caller.Shv, "OK" },
            { Rpc.Send, Target.Others, Caller.Shv, "InvalidArgument ERROR_REASON_INVALID_FIELD envelope.sender_oin" },
            { Rpc.BatchSend, Target.Own, Caller.Shv, "OK: item stored" },
            { Rpc.BatchSend, Target.Others, Caller.Shv, "OK: item refused InvalidArgument" },
            { Rpc.FetchPending, Target.Own, Caller.Shv, "OK: delivered" },
            { Rpc.FetchPending, Target.Others, Caller.Shv, "OK: not delivered" },
            { Rpc.Acknowledge, Target.Own, Caller.Shv, "OK: ACKNOWLEDGE_OUTCOME_ACKNOWLEDGED" },
            { Rpc.Acknowledge, Target.Others, Caller.Shv, "OK: ACKNOWLEDGE_OUTCOME_NOT_FOUND" },
            { Rpc.ExtendHandlingTerm, Target.Own, Caller.Shv, "PermissionDenied ERROR_REASON_EXTENSION_NOT_ALLOWED" },
            { Rpc.ExtendHandlingTerm, Target.Others, Caller.Shv, "PermissionDenied ERROR_REASON_EXTENSION_NOT_ALLOWED" },
            { Rpc.ListTrail, Target.Own, Caller.Shv, "OK: listed" },
            { Rpc.ListTrail, Target.Others, Caller.Shv, "OK: not listed" },
            { Rpc.ReleasePoisoned, Target.Own, Caller.Shv, "OK: RELEASE_POISONED_OUTCOME_NOT_POISONED" },
            { Rpc.ReleasePoisoned, Target.Others, Caller.Shv, "OK: RELEASE_POISONED_OUTCOME_NOT_FOUND" },
            { Rpc.ListParticipants, Target.Own, Caller.Shv, "OK: listed" },
            { Rpc.ListParticipants, Target.Others, Caller.Shv, "OK: listed" },
            { Rpc.GetParticipant, Target.Own, Caller.Shv, "OK" },
            { Rpc.GetParticipant, Target.Others, Caller.Shv, "OK" },
            { Rpc.ListTraffic, Target.Own, Caller.Shv, OperatorOnly },
            { Rpc.ListTraffic, Target.Others, Caller.Shv, OperatorOnly },

            // The SE (Woonstichting, may extend). Another's: Energie Noord. Its send answers a
            // Kennisgeving; another's is one sent to Energie Noord.
            { Rpc.Send, Target.Own, Caller.Se, "OK" },
            { Rpc.Send, Target.Others, Caller.Se, "NotFound ERROR_REASON_REPLY_TARGET_NOT_FOUND envelope.in_reply_to" },
            { Rpc.BatchSend, Target.Own, Caller.Se, "OK: item stored" },
            { Rpc.BatchSend, Target.Others, Caller.Se, "OK: item refused NotFound" },
            { Rpc.FetchPending, Target.Own, Caller.Se, "OK: delivered" },
            { Rpc.FetchPending, Target.Others, Caller.Se, "OK: not delivered" },
            { Rpc.Acknowledge, Target.Own, Caller.Se, "OK: ACKNOWLEDGE_OUTCOME_ACKNOWLEDGED" },
            { Rpc.Acknowledge, Target.Others, Caller.Se, "OK: ACKNOWLEDGE_OUTCOME_NOT_FOUND" },
            { Rpc.ExtendHandlingTerm, Target.Own, Caller.Se, "OK" },
            { Rpc.ExtendHandlingTerm, Target.Others, Caller.Se, "NotFound ERROR_REASON_ENVELOPE_NOT_FOUND message_id" },
            { Rpc.ListTrail, Target.Own, Caller.Se, "OK: listed" },
            { Rpc.ListTrail, Target.Others, Caller.Se, "OK: not listed" },
            { Rpc.ReleasePoisoned, Target.Own, Caller.Se, "OK: RELEASE_POISONED_OUTCOME_NOT_POISONED" },
            { Rpc.ReleasePoisoned, Target.Others, Caller.Se, "OK: RELEASE_POISONED_OUTCOME_NOT_FOUND" },
            { Rpc.ListParticipants, Target.Own, Caller.Se, "OK: listed" },
            { Rpc.ListParticipants, Target.Others, Caller.Se, "OK: listed" },
            { Rpc.GetParticipant, Target.Own, Caller.Se, "OK" },
            { Rpc.GetParticipant, Target.Others, Caller.Se, "OK" },
            { Rpc.ListTraffic, Target.Own, Caller.Se, OperatorOnly },
            { Rpc.ListTraffic, Target.Others, Caller.Se, OperatorOnly },

            // The operator: sees every participant's traffic (metadata only), and nothing else.
            { Rpc.ListTraffic, Target.Own, Caller.Operator, "OK: listed" },
            { Rpc.ListTraffic, Target.Others, Caller.Operator, "OK: listed" },
        };
        foreach (var rpc in Enum.GetValues<Rpc>().Where(r => r != Rpc.ListTraffic))
        {
            data.Add(rpc, Target.Own, Caller.Operator, "PermissionDenied ERROR_REASON_PARTICIPANT_ONLY");
            data.Add(rpc, Target.Others, Caller.Operator, "PermissionDenied ERROR_REASON_PARTICIPANT_ONLY");
        }

        // Callers the node must not let in: the same refusal in every cell, whatever the request
        // names, and before the request is looked at.
        var refusals = new (Caller Caller, string Outcome)[]
        {
            (Caller.Suspended, "PermissionDenied ERROR_REASON_PARTICIPANT_SUSPENDED"),
            (Caller.ForeignCa, Unauthenticated),
            (Caller.UnregisteredCertificate, Unauthenticated),
            (Caller.UnregisteredOin, Unauthenticated),
            (Caller.NoCertificate, "Unauthenticated ERROR_REASON_CERTIFICATE_MISSING"),
        };
        foreach (var (caller, outcome) in refusals)
        {
            foreach (var rpc in Enum.GetValues<Rpc>())
            {
                // A suspended participant is still a participant: the operator service refuses it as one.
                var cell = rpc == Rpc.ListTraffic && caller == Caller.Suspended ? OperatorOnly : outcome;
                data.Add(rpc, Target.Own, caller, cell);
                data.Add(rpc, Target.Others, caller, cell);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Cell(Rpc rpc, Target target, Caller caller, string expected)
    {
        // Arrange: an envelope in the target's mailbox, delivered to it where the RPC needs a token.
        var targetOin = target == Target.Own ? MatrixNode.ClaimedOin(caller) ?? Demo.Woonstichting : MatrixNode.OtherOin(caller);
        var envelope = await ArrangeAsync(rpc, caller, targetOin);
        var before = envelope.MessageId is null ? null : await fixture.Node.Store.FindAsync(envelope.MessageId, CancellationToken.None);

        // Act
        string outcome;
        try
        {
            outcome = await ActAsync(rpc, caller, targetOin, envelope);
        }
        catch (RpcException ex)
        {
            outcome = Describe(ex);
        }

        // Assert: the outcome, and the envelope changed only where the call was allowed to change it.
        Assert.Equal(expected, outcome);
        if (before is not null)
        {
            var after = await fixture.Node.Store.FindAsync(before.MessageId, CancellationToken.None);
            var allowedToChange = expected.StartsWith("OK", StringComparison.Ordinal) && target == Target.Own && rpc is Rpc.FetchPending or Rpc.Acknowledge or Rpc.ExtendHandlingTerm;
            if (!allowedToChange)
            {
                Assert.Equal((before.State, before.Attempts, before.ExtensionDays, before.ExpireTime), (after!.State, after.Attempts, after.ExtensionDays, after.ExpireTime));
            }
        }
    }

    /// <summary>What the cell needs: the target envelope (its message id and, for Acknowledge, a token).</summary>
    private async Task<(string? MessageId, string? Token)> ArrangeAsync(Rpc rpc, Caller caller, string targetOin)
    {
        switch (rpc)
        {
            case Rpc.FetchPending or Rpc.ExtendHandlingTerm or Rpc.ListTrail or Rpc.ListTraffic or Rpc.ReleasePoisoned:
                if (targetOin == Demo.Suspended)
                {
                    return (fixture.SuspendedOwnEnvelope, null);
                }

                if (targetOin == MatrixNode.UnregisteredOin)
                {
                    // Nobody can send to an OIN outside the registry; the call names a made-up envelope.
                    return (null, null);
                }

                return (await fixture.PendingForAsync(targetOin), null);
            case Rpc.Acknowledge:
                if (targetOin == Demo.Suspended)
                {
                    return (fixture.SuspendedOwnEnvelope, fixture.SuspendedOwnToken);
                }

                if (targetOin == MatrixNode.UnregisteredOin)
                {
                    return (null, Guid.NewGuid() + ".1");
                }

                var messageId = await fixture.PendingForAsync(targetOin);
                return (messageId, await fixture.TokenAsync(targetOin, messageId));
            case Rpc.Send or Rpc.BatchSend when caller != Caller.Shv && targetOin is Demo.Woonstichting or Demo.EnergieNoord:
                // An SE sends answers: to a Kennisgeving the Gemeente sent to the target.
                var kennisgeving = await fixture.Node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Kennisgeving, targetOin));
                return (kennisgeving.MessageId, null);
            default:
                return (null, null);
        }
    }

    private async Task<string> ActAsync(Rpc rpc, Caller caller, string targetOin, (string? MessageId, string? Token) envelope)
    {
        var exchange = fixture.Exchange(caller);
        switch (rpc)
        {
            case Rpc.Send:
                await exchange.SendAsync(new SendRequest { Envelope = Outgoing(caller, targetOin, envelope.MessageId) }, Demo.Call);
                return "OK";
            case Rpc.BatchSend:
                var batch = await exchange.BatchSendAsync(new BatchSendRequest { Requests = { new SendRequest { Envelope = Outgoing(caller, targetOin, envelope.MessageId) } } }, Demo.Call);
                var result = Assert.Single(batch.Results);
                return result.Envelope is not null ? "OK: item stored" : $"OK: item refused {(StatusCode)result.Failure.Code}";
            case Rpc.FetchPending:
                var delivered = new List<string>();
                using (var call = exchange.FetchPending(new FetchPendingRequest { MaxInFlight = 256 }, Demo.Call))
                {
                    await foreach (var response in call.ResponseStream.ReadAllAsync())
                    {
                        if (response.Delivery is { } delivery)
                        {
                            delivered.Add(delivery.Envelope.MessageId);

                            // Acknowledged as it comes, so the mailbox stays small for the next cells.
                            await exchange.AcknowledgeAsync(new AcknowledgeRequest { DeliveryTokens = { delivery.DeliveryToken } }, Demo.Call);
                        }
                    }
                }

                return delivered.Contains(envelope.MessageId ?? "") ? "OK: delivered" : "OK: not delivered";
            case Rpc.Acknowledge:
                var ack = await exchange.AcknowledgeAsync(new AcknowledgeRequest { DeliveryTokens = { envelope.Token } }, Demo.Call);
                return "OK: " + AcknowledgeOutcomeName(Assert.Single(ack.Results).Outcome);
            case Rpc.ExtendHandlingTerm:
                await exchange.ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = envelope.MessageId ?? Guid.NewGuid().ToString(), Days = 7 }, Demo.Call);
                return "OK";
            case Rpc.ListTrail:
                var conversation = envelope.MessageId is null ? Guid.NewGuid().ToString()
                    : (await fixture.Node.Store.FindAsync(envelope.MessageId, CancellationToken.None))!.ConversationId;
                var trail = await exchange.ListTrailAsync(new ListTrailRequest { ConversationId = conversation, PageSize = 1000 }, Demo.Call);
                return trail.Entries.Any(e => e.Envelope.MessageId == envelope.MessageId) ? "OK: listed" : "OK: not listed";
            case Rpc.ReleasePoisoned:
                // Another participant's envelope must look exactly like one that does not exist.
                var release = await exchange.ReleasePoisonedAsync(new ReleasePoisonedRequest { MessageIds = { envelope.MessageId ?? Guid.NewGuid().ToString() } }, Demo.Call);
                return "OK: " + EnumName("ReleasePoisonedOutcome", (int)Assert.Single(release.Results).Outcome);
            case Rpc.ListTraffic:
                var traffic = await fixture.Operator(caller).ListTrafficAsync(new ListTrafficRequest { ParticipantOin = targetOin, PageSize = 1000 }, Demo.Call);
                return traffic.Entries.Any(e => e.MessageId == envelope.MessageId) ? "OK: listed" : "OK: not listed";
            case Rpc.ListParticipants:
                var list = await fixture.Directory(caller).ListParticipantsAsync(new ListParticipantsRequest { PageSize = 1000 }, Demo.Call);
                return list.Participants.Any(p => p.Oin == targetOin) ? "OK: listed" : "OK: not listed";
            default:
                var participant = await fixture.Directory(caller).GetParticipantAsync(new GetParticipantRequest { Oin = targetOin }, Demo.Call);
                Assert.Equal(targetOin, participant.Participant.Oin);
                return "OK";
        }
    }

    /// <summary>
    /// The envelope a caller sends: an SHV's Saldoverzoek naming the target as its sender (its own OIN
    /// is allowed, another's is impersonation); an SE's answer to the Kennisgeving in the target's
    /// mailbox (its own, or another SE's).
    /// </summary>
    private static Envelope Outgoing(Caller caller, string targetOin, string? answered)
    {
        if (answered is not null)
        {
            return Demo.Envelope(BerichtType.KennisgevingAntwoord, Demo.Gemeente, inReplyTo: answered);
        }

        var envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        envelope.SenderOin = caller == Caller.Shv ? targetOin : "";
        return envelope;
    }

    private static string Describe(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var reason = status?.GetDetail<ErrorInfo>()?.Reason ?? "(no ErrorInfo)";
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).Distinct().ToList() ?? [];
        return string.Join(' ', new[] { exception.StatusCode.ToString(), reason }.Concat(fields));
    }

    private static string AcknowledgeOutcomeName(AcknowledgeOutcome outcome) => EnumName("AcknowledgeOutcome", (int)outcome);

    private static string EnumName(string enumName, int number) =>
        ExchangeServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>(enumName).FindValueByNumber(number).Name;
}
