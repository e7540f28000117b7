using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Skn.Domain.Calendar;
using Skn.Domain.Storage;
using Skn.Node.Auth;
using Skn.Node.Delivery;
using Skn.Node.Exchange;
using Skn.Node.Hosting;
using Skn.Node.Limits;
using Skn.Node.Registry;
using Skn.Node.Telemetry;
using Skn.Node.Transport.Errors;
using Skn.V1;
using AcknowledgeResult = Skn.V1.AcknowledgeResult;
using SendResult = Skn.V1.SendResult;

namespace Skn.Node.Transport;

/// <summary>
/// The exchange service: maps the contract to the send handler, the fetch sessions and the store.
/// Every call is already authenticated by <see cref="ParticipantAuthInterceptor"/>; the caller only
/// ever reaches its own mailbox and trail.
/// </summary>
internal sealed class ExchangeGrpcService(
    SendHandler sendHandler,
    IMessageStore store,
    MailboxHub hub,
    WorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<NodeOptions> options,
    IHostApplicationLifetime lifetime,
    StreamCounter streams,
    NodeMetrics metrics,
    ILoggerFactory loggerFactory) : ExchangeService.ExchangeServiceBase
{
    private const int MaxBatchSend = 500;
    private const int MaxAcknowledge = 1000;
    private static readonly int[] AllowedExtensionDays = [7, 14, 28];

    private readonly ILogger _fetchLogger = loggerFactory.CreateLogger<FetchSession>();

    public override async Task<SendResponse> Send(SendRequest request, ServerCallContext context) =>
        new() { Envelope = await sendHandler.SendAsync(context.GetCaller(), request.Envelope, context.CancellationToken) };

    public override async Task<BatchSendResponse> BatchSend(BatchSendRequest request, ServerCallContext context)
    {
        if (request.Requests.Count is 0 or > MaxBatchSend)
        {
            RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.InvalidField, $"requests: give 1 to {MaxBatchSend} sends.",
                ("requests", $"must hold 1 to {MaxBatchSend} sends; it holds {request.Requests.Count}."));
        }

        var caller = context.GetCaller();

        // Concurrently, so that the whole batch shares the store's group commits.
        var results = await Task.WhenAll(request.Requests.Select(async item =>
        {
            try
            {
                return new SendResult { Envelope = await sendHandler.SendAsync(caller, item.Envelope, context.CancellationToken) };
            }
            catch (RpcException ex)
            {
                return new SendResult { Failure = RpcErrors.ToFailure(ex) };
            }
            catch (StoreFullException ex)
            {
                return new SendResult { Failure = new Failure { Code = (int)StatusCode.ResourceExhausted, Reason = ErrorReason.StorageFull, Message = ex.Message } };
            }
        }));
        var response = new BatchSendResponse();
        response.Results.AddRange(results);
        return response;
    }

    public override async Task FetchPending(FetchPendingRequest request, IServerStreamWriter<FetchPendingResponse> responseStream, ServerCallContext context)
    {
        var settings = ToSettings(request);
        var caller = context.GetCaller();
        using var slot = streams.TryOpen(caller.Oin);
        if (slot is null)
        {
            RpcErrors.Throw(
                StatusCode.ResourceExhausted,
                ErrorReason.LimitReached,
                $"Participant {caller.Oin} already has {options.Value.Limits.MaxStreams} FetchPending streams open, the most allowed (Skn:Limits:MaxStreams); close one first.");
        }

        using var activity = NodeTracing.StartFetch(settings, caller.Role);
        var session = new FetchSession(caller.Oin, settings, store, hub, time, _fetchLogger, metrics);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        metrics.StreamOpened();
        try
        {
            await session.RunAsync(responseStream, stopping.Token, lifetime.ApplicationStopping);
        }
        finally
        {
            metrics.StreamClosed();
            NodeTracing.Fetched(activity, session.Delivered);
        }
    }

    public override async Task<AcknowledgeResponse> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        if (request.DeliveryTokens.Count is 0 or > MaxAcknowledge)
        {
            RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.InvalidField, $"delivery_tokens: give 1 to {MaxAcknowledge} tokens.",
                ("delivery_tokens", $"must hold 1 to {MaxAcknowledge} tokens; it holds {request.DeliveryTokens.Count}."));
        }

        var caller = context.GetCaller();
        var parsed = request.DeliveryTokens.Select(t => (Token: t, Ok: DeliveryToken.TryParse(t, out var d), Delivery: d)).ToList();
        var valid = parsed.Where(p => p.Ok).Select(p => p.Delivery).ToList();
        var outcomes = valid.Count == 0
            ? []
            : await store.AcknowledgeAsync(caller.Oin, valid, time.GetUtcNow(), CancellationToken.None);

        var response = new AcknowledgeResponse();
        var next = 0;
        foreach (var item in parsed)
        {
            if (!item.Ok)
            {
                response.Results.Add(new AcknowledgeResult { DeliveryToken = item.Token, Outcome = AcknowledgeOutcome.Malformed });
                continue;
            }

            var outcome = outcomes[next++];
            if (outcome.Outcome == AcknowledgeOutcome.Acknowledged)
            {
                metrics.Acknowledged(outcome.Type);
            }

            if (outcome.Outcome is AcknowledgeOutcome.Acknowledged or AcknowledgeOutcome.AlreadyAcknowledged or AcknowledgeOutcome.Expired)
            {
                hub.Settle(outcome.Delivery.MessageId);
            }

            response.Results.Add(new AcknowledgeResult { DeliveryToken = item.Token, MessageId = item.Delivery.MessageId, Outcome = outcome.Outcome });
        }

        return response;
    }

    public override async Task<ExtendHandlingTermResponse> ExtendHandlingTerm(ExtendHandlingTermRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var problems = new List<(string, string)>();
        if (!EnvelopeFieldChecks.IsUuid(request.MessageId))
        {
            problems.Add(("message_id", "must be the lowercase UUID of a received envelope."));
        }

        if (!AllowedExtensionDays.Contains(request.Days))
        {
            problems.Add(("days", "must be 7, 14 or 28."));
        }

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        if (!caller.Has(ParticipantAttribute.VerlengenAfhandeltermijn))
        {
            RpcErrors.Throw(StatusCode.PermissionDenied, ErrorReason.ExtensionNotAllowed,
                "Only participants with the Verlengen afhandeltermijn attribute may extend a handling term.");
        }

        var current = await store.FindAsync(request.MessageId, context.CancellationToken);
        if (current is null || current.RecipientOin != caller.Oin || current.State is EnvelopeState.Acknowledged or EnvelopeState.Expired)
        {
            RpcErrors.Throw(StatusCode.NotFound, ErrorReason.EnvelopeNotFound,
                $"No pending envelope {request.MessageId} in your mailbox.", ("message_id", "names no pending envelope in your mailbox."));
        }

        // Calendar days in Amsterdam: the term still ends at local midnight, also across a DST change.
        var endDate = calendar.LocalDate(current.ExpireTime.AddTicks(-1)).AddDays(request.Days);
        var newExpire = calendar.EndOfDay(endDate);
        var (outcome, updated) = await store.ExtendAsync(caller.Oin, request.MessageId, request.Days, newExpire, CancellationToken.None);
        return outcome switch
        {
            ExtendOutcome.Extended => new ExtendHandlingTermResponse { Envelope = updated!.ToEnvelope() },
            ExtendOutcome.AlreadyExtended => throw RpcErrors.Create(StatusCode.FailedPrecondition, ErrorReason.ExtensionNotAllowed,
                $"The handling term of {request.MessageId} was already extended; a term is extended once."),
            _ => throw RpcErrors.Create(StatusCode.NotFound, ErrorReason.EnvelopeNotFound, $"No pending envelope {request.MessageId} in your mailbox."),
        };
    }

    public override async Task<ListTrailResponse> ListTrail(ListTrailRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var problems = new List<(string, string)>();
        if (request.PageSize is < 0 or > 1000)
        {
            problems.Add(("page_size", "must be between 0 (default 100) and 1000."));
        }

        var before = PageTokens.Parse(request.PageToken, "ListTrail", problems);

        // An enum number the contract does not define reaches the service as is; the store would throw on it.
        if (!System.Enum.IsDefined(request.Direction))
        {
            problems.Add(("direction", "must be TRAIL_DIRECTION_UNSPECIFIED, TRAIL_DIRECTION_SENT or TRAIL_DIRECTION_RECEIVED."));
        }

        if (request.CounterpartOin.Length > 0 && !Domain.Identifiers.Oin.IsValid(request.CounterpartOin))
        {
            problems.Add(("counterpart_oin", "must be an OIN of 20 digits."));
        }

        if (request.ConversationId.Length > 0 && !EnvelopeFieldChecks.IsUuid(request.ConversationId))
        {
            problems.Add(("conversation_id", "must be a lowercase UUID."));
        }

        if (request.States.Any(s => s == EnvelopeState.Unspecified || !System.Enum.IsDefined(s)))
        {
            problems.Add(("states", "must hold only defined states other than ENVELOPE_STATE_UNSPECIFIED."));
        }

        var from = TryTime(request.StartTime, "start_time", problems);
        var to = TryTime(request.EndTime, "end_time", problems);
        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var page = await store.ListTrailAsync(
            new TrailQuery
            {
                ParticipantOin = caller.Oin,
                Direction = request.Direction,
                From = from,
                To = to,
                Types = request.BerichtTypes.Where(t => t != BerichtType.Unspecified).ToList(),
                CounterpartOin = request.CounterpartOin.Length > 0 ? request.CounterpartOin : null,
                ConversationId = request.ConversationId.Length > 0 ? request.ConversationId : null,
                States = [.. request.States.Distinct()],
                PageSize = request.PageSize == 0 ? 100 : request.PageSize,
                BeforeSequence = before,
            },
            context.CancellationToken);
        var response = new ListTrailResponse { NextPageToken = page.NextBeforeSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        response.Entries.AddRange(page.Entries.Select(e => e.ToTrailEntry()));
        return response;
    }

    public override async Task<ReleasePoisonedResponse> ReleasePoisoned(ReleasePoisonedRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        using var activity = NodeTracing.StartReleasePoisoned(caller.Role, request.MessageIds.Count);
        try
        {
            var response = await ReleasePoisonedAsync(request, caller);
            NodeTracing.ReleasedPoisoned(activity, response.Results.Count(r => r.Outcome == ReleasePoisonedOutcome.Released));
            return response;
        }
        catch (Exception ex)
        {
            NodeTracing.Failed(activity, ex);
            throw;
        }
    }

    private async Task<ReleasePoisonedResponse> ReleasePoisonedAsync(ReleasePoisonedRequest request, RegisteredParticipant caller)
    {
        if (request.MessageIds.Count is 0 or > MaxAcknowledge)
        {
            RpcErrors.Throw(StatusCode.InvalidArgument, ErrorReason.InvalidField, $"message_ids: give 1 to {MaxAcknowledge} message ids.",
                ("message_ids", $"must hold 1 to {MaxAcknowledge} message ids; it holds {request.MessageIds.Count}."));
        }

        // A malformed id names nothing; only well-formed ones reach the store.
        var wellFormed = request.MessageIds.Where(EnvelopeFieldChecks.IsUuid).ToList();
        var outcomes = wellFormed.Count == 0
            ? []
            : await store.ReleasePoisonedAsync(caller.Oin, wellFormed, CancellationToken.None);
        var byId = new Dictionary<string, ReleasePoisonedOutcome>(StringComparer.Ordinal);
        for (var i = 0; i < wellFormed.Count; i++)
        {
            byId.TryAdd(wellFormed[i], outcomes[i]);
        }

        if (byId.ContainsValue(ReleasePoisonedOutcome.Released))
        {
            hub.Notify(caller.Oin);
        }

        var response = new ReleasePoisonedResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in request.MessageIds)
        {
            var outcome = byId.TryGetValue(id, out var found) ? found : ReleasePoisonedOutcome.NotFound;
            if (outcome == ReleasePoisonedOutcome.Released && !seen.Add(id))
            {
                outcome = ReleasePoisonedOutcome.NotPoisoned;
            }

            response.Results.Add(new ReleasePoisonedResult { MessageId = id, Outcome = outcome });
        }

        return response;
    }

    private FetchSettings ToSettings(FetchPendingRequest request)
    {
        var node = options.Value;
        var problems = new List<(string, string)>();
        if (request.MaxInFlight < 0)
        {
            problems.Add(("max_in_flight", "must not be negative (0 means the default)."));
        }

        if (request.MaxDeliveries < 0)
        {
            problems.Add(("max_deliveries", "must not be negative (0 means no limit)."));
        }

        if (request.Snapshot && request.Follow)
        {
            problems.Add(("snapshot", "cannot be combined with follow: a snapshot walks the mailbox once and ends."));
        }

        var heartbeat = node.DefaultHeartbeatInterval;
        if (request.HeartbeatInterval is { } requested)
        {
            // Nanos of a normalized Duration stay below one second; ToTimeSpan throws on anything else.
            if (requested.Seconds < 0 || requested.Nanos < 0 || requested.Seconds > 3600 || requested.Nanos >= Duration.NanosecondsPerSecond)
            {
                problems.Add(("heartbeat_interval", "must be a positive duration of at most an hour, with nanos below one second."));
            }
            else
            {
                heartbeat = TimeSpan.FromTicks(Math.Clamp(requested.ToTimeSpan().Ticks, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(60).Ticks));
            }
        }

        if (problems.Count > 0)
        {
            RpcErrors.ThrowInvalid(problems);
        }

        var credit = request.MaxInFlight == 0 ? node.DefaultMaxInFlight : Math.Min(request.MaxInFlight, node.MaxInFlightCap);
        return new FetchSettings(
            request.Follow,
            credit,
            request.BerichtTypes.Where(t => t != BerichtType.Unspecified).Distinct().ToList(),
            heartbeat,
            request.MaxDeliveries,
            node.LeaseDuration,
            request.Snapshot);
    }

    private static DateTimeOffset? TryTime(Google.Protobuf.WellKnownTypes.Timestamp? timestamp, string field, List<(string, string)> problems)
    {
        if (timestamp is null)
        {
            return null;
        }

        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            problems.Add((field, "is not a valid timestamp."));
            return null;
        }
    }
}
