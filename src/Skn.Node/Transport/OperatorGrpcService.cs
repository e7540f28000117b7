using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Skn.Domain.Identifiers;
using Skn.Domain.Storage;
using Skn.Node.Auth;
using Skn.Node.Operator;
using Skn.Node.Registry;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Transport;

/// <summary>
/// The operator's service: registry changes through <see cref="RegistryEditor"/>, and views of the
/// traffic and the mailboxes that carry metadata only. Authentication and the audit log are the
/// interceptors' work (<see cref="OperatorAuthInterceptor"/>, <see cref="OperatorAuditInterceptor"/>).
/// </summary>
internal sealed class OperatorGrpcService(
    ParticipantRegistry registry,
    RegistryEditor editor,
    ParticipantChanges changes,
    IMessageStore store,
    OperatorAuditLog auditLog,
    TimeProvider time) : OperatorService.OperatorServiceBase
{
    /// <summary>How far back "expired lately" looks in the figures.</summary>
    public static readonly TimeSpan ExpiredWindow = TimeSpan.FromDays(30);

    private const int MaxReasonLength = 500;

    public override Task<ListRegisteredParticipantsResponse> ListRegisteredParticipants(ListRegisteredParticipantsRequest request, ServerCallContext context)
    {
        var problems = new List<(string, string)>();
        var pageSize = PageSize(request.PageSize, problems);
        if (!System.Enum.IsDefined(request.State))
        {
            problems.Add(("state", $"{(int)request.State} is not a participant state."));
        }

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var page = registry.Participants.Values
            .Where(p => request.State == ParticipantState.Unspecified || p.State == request.State)
            .Where(p => string.CompareOrdinal(p.Oin, request.PageToken) > 0)
            .OrderBy(p => p.Oin, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        var response = new ListRegisteredParticipantsResponse();
        response.Participants.AddRange(page.Take(pageSize).Select(DirectoryGrpcService.ToContract));
        response.NextPageToken = page.Count > pageSize ? page[pageSize - 1].Oin : "";
        return Task.FromResult(response);
    }

    public override async Task<RegisterParticipantResponse> RegisterParticipant(RegisterParticipantRequest request, ServerCallContext context)
    {
        var problems = changes.CheckNew(request.Participant);
        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var participant = request.Participant;
        var registered = await editor.EditAsync(
            Operator(context), nameof(RegisterParticipant), participant.Oin,
            (file, storeCertificate) => file with { Participants = [.. file.Participants, ParticipantChanges.ToEntry(participant, storeCertificate)] },
            context.CancellationToken).ConfigureAwait(false);
        return new RegisterParticipantResponse { Participant = DirectoryGrpcService.ToContract(registered) };
    }

    public override async Task<UpdateParticipantResponse> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var problems = changes.CheckUpdate(request.Participant, paths);
        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var participant = request.Participant;
        EnsureRegistered(participant.Oin, "participant.oin");
        var updated = await editor.EditAsync(
            Operator(context), nameof(UpdateParticipant), participant.Oin,
            (file, storeCertificate) => file with
            {
                Participants = file.Participants.Select(p => p.Oin == participant.Oin ? ParticipantChanges.Apply(p, participant, paths, storeCertificate) : p).ToList(),
            },
            context.CancellationToken).ConfigureAwait(false);
        return new UpdateParticipantResponse { Participant = DirectoryGrpcService.ToContract(updated) };
    }

    public override async Task<SuspendParticipantResponse> SuspendParticipant(SuspendParticipantRequest request, ServerCallContext context) =>
        new() { Participant = await SetStateAsync(request.Oin, request.Reason, ParticipantState.Suspended, nameof(SuspendParticipant), context).ConfigureAwait(false) };

    public override async Task<ReinstateParticipantResponse> ReinstateParticipant(ReinstateParticipantRequest request, ServerCallContext context) =>
        new() { Participant = await SetStateAsync(request.Oin, request.Reason, ParticipantState.Active, nameof(ReinstateParticipant), context).ConfigureAwait(false) };

    public override async Task<ListTrafficResponse> ListTraffic(ListTrafficRequest request, ServerCallContext context)
    {
        var problems = new List<(string, string)>();
        var pageSize = PageSize(request.PageSize, problems);
        var before = PageTokens.Parse(request.PageToken, "ListTraffic", problems);
        if (request.ParticipantOin.Length > 0 && !Oin.IsValid(request.ParticipantOin))
        {
            problems.Add(("participant_oin", "must be an OIN of 20 digits, or empty for all participants."));
        }

        for (var i = 0; i < request.BerichtTypes.Count; i++)
        {
            if (request.BerichtTypes[i] == BerichtType.Unspecified || !System.Enum.IsDefined(request.BerichtTypes[i]))
            {
                problems.Add(($"bericht_types[{i}]", $"{(int)request.BerichtTypes[i]} is not a bericht type."));
            }
        }

        for (var i = 0; i < request.States.Count; i++)
        {
            if (request.States[i] == EnvelopeState.Unspecified || !System.Enum.IsDefined(request.States[i]))
            {
                problems.Add(($"states[{i}]", $"{(int)request.States[i]} is not an envelope state."));
            }
        }

        if (request.StartTime is not null && request.EndTime is not null && request.StartTime.ToDateTimeOffset() >= request.EndTime.ToDateTimeOffset())
        {
            problems.Add(("end_time", "must be after start_time."));
        }

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var page = await store.ListTrafficAsync(
            new TrafficQuery
            {
                ParticipantOin = request.ParticipantOin.Length == 0 ? null : request.ParticipantOin,
                From = request.StartTime?.ToDateTimeOffset(),
                To = request.EndTime?.ToDateTimeOffset(),
                Types = [.. request.BerichtTypes],
                States = [.. request.States],
                PageSize = pageSize,
                BeforeSequence = before,
            },
            context.CancellationToken).ConfigureAwait(false);
        var response = new ListTrafficResponse { NextPageToken = page.NextBeforeSequence?.ToString(CultureInfo.InvariantCulture) ?? "" };
        response.Entries.AddRange(page.Entries.Select(ToTrafficEntry));
        return response;
    }

    public override async Task<ListParticipantFiguresResponse> ListParticipantFigures(ListParticipantFiguresRequest request, ServerCallContext context)
    {
        if (request.ParticipantOin.Length > 0)
        {
            if (!Oin.IsValid(request.ParticipantOin))
            {
                RpcErrors.ThrowInvalid([("participant_oin", "must be an OIN of 20 digits, or empty for all participants.")]);
            }

            EnsureRegistered(request.ParticipantOin, "participant_oin");
        }

        var now = time.GetUtcNow();
        var mailboxes = (await store.CountMailboxesAsync(now - ExpiredWindow, context.CancellationToken).ConfigureAwait(false))
            .ToDictionary(m => m.RecipientOin, StringComparer.Ordinal);
        var response = new ListParticipantFiguresResponse { ComputeTime = Timestamp.FromDateTimeOffset(now) };
        foreach (var participant in registry.Participants.Values.OrderBy(p => p.Oin, StringComparer.Ordinal))
        {
            if (request.ParticipantOin.Length > 0 && participant.Oin != request.ParticipantOin)
            {
                continue;
            }

            var figures = new ParticipantFigures { Oin = participant.Oin, Name = participant.Name, Role = participant.Role, State = participant.State };
            if (mailboxes.TryGetValue(participant.Oin, out var mailbox))
            {
                figures.PendingCount = mailbox.PendingCount;
                figures.PoisonedCount = mailbox.PoisonedCount;
                figures.ExpiredCount = mailbox.ExpiredCount;
                if (mailbox.OldestPendingSendTime is { } oldest)
                {
                    figures.OldestPendingSendTime = Timestamp.FromDateTimeOffset(oldest);
                }
            }

            response.Figures.Add(figures);
        }

        return response;
    }

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var problems = new List<(string, string)>();
        var pageSize = PageSize(request.PageSize, problems);
        var beforeLine = (int?)PageTokens.Parse(request.PageToken, "ListAuditEntries", problems, max: int.MaxValue);

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var (records, next) = await auditLog.ReadAsync(pageSize, beforeLine, context.CancellationToken).ConfigureAwait(false);
        var response = new ListAuditEntriesResponse { NextPageToken = next?.ToString(CultureInfo.InvariantCulture) ?? "" };
        response.Entries.AddRange(records.Select(r => new AuditEntry
        {
            Time = Timestamp.FromDateTimeOffset(r.Time),
            OperatorOin = r.OperatorOin,
            CallerSubject = r.CallerSubject,
            Action = r.Action,
            ParticipantOin = r.ParticipantOin,
            Details = r.Details,
            Outcome = r.Outcome,
            Message = r.Message,
        }));
        return response;
    }

    private async Task<Participant> SetStateAsync(string oin, string reason, ParticipantState state, string action, ServerCallContext context)
    {
        var problems = new List<(string, string)>();
        if (!Oin.IsValid(oin))
        {
            problems.Add(("oin", "must be an OIN of 20 digits."));
        }

        if (reason.Length > MaxReasonLength)
        {
            problems.Add(("reason", $"must be at most {MaxReasonLength} characters."));
        }

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        EnsureRegistered(oin, "oin");
        var stateName = RegistryLoader.ToUpperSnake(state.ToString());
        var changed = await editor.EditAsync(
            Operator(context), action, oin,
            (file, _) => file with { Participants = file.Participants.Select(p => p.Oin == oin ? p with { State = stateName } : p).ToList() },
            context.CancellationToken).ConfigureAwait(false);
        return DirectoryGrpcService.ToContract(changed);
    }

    private void EnsureRegistered(string oin, string field)
    {
        if (registry.Find(oin) is null)
        {
            RpcErrors.Throw(StatusCode.NotFound, ErrorReason.ParticipantNotFound, $"No participant has OIN {oin}.", (field, "is not a registered participant."));
        }
    }

    private static string Operator(ServerCallContext context) => OperatorAuthInterceptor.FindOperator(context)?.Oin ?? "";

    private static int PageSize(int requested, List<(string, string)> problems)
    {
        if (requested is < 0 or > 1000)
        {
            problems.Add(("page_size", "must be between 0 (default 100) and 1000."));
        }

        return requested == 0 ? 100 : requested;
    }

    /// <summary>Type, parties, times and outcome: the only fields an operator may see of a bericht.</summary>
    private static TrafficEntry ToTrafficEntry(EnvelopeRecord record)
    {
        var entry = new TrafficEntry
        {
            MessageId = record.MessageId,
            Type = record.Type,
            SenderOin = record.SenderOin,
            RecipientOin = record.RecipientOin,
            SendTime = Timestamp.FromDateTimeOffset(record.SendTime),
            ExpireTime = Timestamp.FromDateTimeOffset(record.ExpireTime),
            State = record.State,
            DeliveryAttempts = record.Attempts,
        };
        if (record.FirstDeliveryTime is { } first)
        {
            entry.FirstDeliveryTime = Timestamp.FromDateTimeOffset(first);
        }

        if (record.OutcomeTime is { } outcome)
        {
            entry.OutcomeTime = Timestamp.FromDateTimeOffset(outcome);
        }

        return entry;
    }
}
