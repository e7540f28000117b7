using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Skn.Domain.Storage;
using Skn.Node.Logging;
using Skn.Node.Telemetry;
using Skn.Node.Transport;
using Skn.V1;

namespace Skn.Node.Delivery;

/// <summary>
/// One open FetchPending stream. It leases the participant's envelopes within its credit, writes
/// them, and sleeps until woken by a commit, a returned credit, one of its leases running out, or a
/// heartbeat deadline: the store is queried once per wake-up, never on a timer. When the stream ends
/// for any reason, its unacknowledged deliveries are released at once for other streams.
/// </summary>
internal sealed class FetchSession
{
    private const int MaxLeaseBatch = 64;

    /// <summary>How long a drained stream waits for the acknowledgements of its last deliveries.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private readonly IMessageStore _store;
    private readonly MailboxHub _hub;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FetchSettings _settings;
    private readonly NodeMetrics _metrics;
    private readonly Channel<byte> _wakeups = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    /// <summary>This stream's unacknowledged deliveries by message id, with when their leases end.</summary>
    private readonly Dictionary<string, (DeliveryRef Delivery, DateTimeOffset Until)> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _inFlightLock = new();
    private readonly CancellationTokenSource _aborted = new();

    public FetchSession(string participantOin, FetchSettings settings, IMessageStore store, MailboxHub hub, TimeProvider time, ILogger logger, NodeMetrics metrics)
    {
        _metrics = metrics;
        ParticipantOin = participantOin;
        _settings = settings;
        _store = store;
        _hub = hub;
        _time = time;
        _logger = logger;
    }

    public string ParticipantOin { get; }

    /// <summary>Deliveries written to the stream so far.</summary>
    public int Delivered { get; private set; }

    public void Wake() => _wakeups.Writer.TryWrite(0);

    public void Abort() => _aborted.Cancel();

    public void Settled(string messageId)
    {
        lock (_inFlightLock)
        {
            _inFlight.Remove(messageId);
        }

        Wake();
    }

    /// <param name="writer">The response stream.</param>
    /// <param name="callCancelled">Ends the stream: the client went away, or the node is stopping.</param>
    /// <param name="nodeStopping">Whether the node is stopping, so that deliveries it ends do not count against the envelopes.</param>
    public async Task RunAsync(IServerStreamWriter<FetchPendingResponse> writer, CancellationToken callCancelled, CancellationToken nodeStopping)
    {
        if (_settings.Snapshot)
        {
            await RunSnapshotAsync(writer, callCancelled);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, _aborted.Token);
        var cancellationToken = linked.Token;
        _hub.Register(this);
        NodeLog.StreamOpened(_logger, ParticipantOin, _settings.Follow, _settings.MaxInFlight);
        try
        {
            var heartbeatDue = _time.GetUtcNow() + _settings.HeartbeatInterval;

            // The store is asked only when something may have changed: at the start, after a wake-up
            // (a commit, a returned credit, a release) and after one of our own leases ran out. A
            // heartbeat alone never queries it.
            var mayHaveWork = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                mayHaveWork |= DropLapsedLeases(now);
                var want = Math.Min(_settings.MaxInFlight - InFlightCount, MaxLeaseBatch);
                if (_settings.MaxDeliveries > 0)
                {
                    want = Math.Min(want, _settings.MaxDeliveries - Delivered);
                }

                if (mayHaveWork && want > 0)
                {
                    var leased = await LeaseAsync(want, now);
                    foreach (var lease in leased)
                    {
                        await writer.WriteAsync(ToResponse(lease), cancellationToken);
                        Written(lease);
                    }

                    if (leased.Count > 0)
                    {
                        heartbeatDue = _time.GetUtcNow() + _settings.HeartbeatInterval;
                    }

                    if (_settings.MaxDeliveries > 0 && Delivered >= _settings.MaxDeliveries)
                    {
                        return;
                    }

                    if (leased.Count == want)
                    {
                        continue;
                    }

                    // Fewer than asked: the mailbox is drained for now.
                    mayHaveWork = false;
                    if (!_settings.Follow)
                    {
                        await AwaitLastAcknowledgementsAsync(cancellationToken);
                        return;
                    }
                }

                mayHaveWork = await WaitAsync(Earliest(heartbeatDue, EarliestLeaseEnd()), cancellationToken);
                if (!mayHaveWork && _time.GetUtcNow() >= heartbeatDue)
                {
                    await writer.WriteAsync(new FetchPendingResponse { Heartbeat = new Heartbeat { Time = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) } }, cancellationToken);
                    heartbeatDue = _time.GetUtcNow() + _settings.HeartbeatInterval;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, the node is stopping or the participant was suspended: the
            // finally block hands the unacknowledged deliveries back.
            if (_aborted.IsCancellationRequested && !callCancelled.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, "The participant's access was withdrawn; the stream is closed."));
            }
        }
        finally
        {
            _hub.Unregister(this);
            // A stream the client ended or lost counts against what it held (a bericht that
            // crashes its consumer every time ends on the poison list); one the node ended does not.
            var released = await ReleaseAllAsync(failed: !_aborted.IsCancellationRequested && !nodeStopping.IsCancellationRequested);
            NodeLog.StreamClosed(_logger, ParticipantOin, Delivered, released);
        }
    }

    /// <summary>
    /// List work: every deliverable envelope once, oldest first, each handed back at once (its lease
    /// ends as it is made), so nothing is held and no credit applies; a cursor keeps the stream from
    /// meeting the same envelope twice. Ends when the mailbox has been walked.
    /// </summary>
    private async Task RunSnapshotAsync(IServerStreamWriter<FetchPendingResponse> writer, CancellationToken cancellationToken)
    {
        var cursor = 0L;
        NodeLog.StreamOpened(_logger, ParticipantOin, false, 0);
        try
        {
            while (true)
            {
                var want = _settings.MaxDeliveries > 0 ? Math.Min(MaxLeaseBatch, _settings.MaxDeliveries - Delivered) : MaxLeaseBatch;
                var now = _time.GetUtcNow();
                var leased = await _store.LeaseAsync(
                    new LeaseRequest { RecipientOin = ParticipantOin, MaxCount = want, Types = _settings.Types, Now = now, LeaseUntil = now, AfterSequence = cursor },
                    cancellationToken);
                foreach (var lease in leased)
                {
                    await writer.WriteAsync(ToResponse(lease), cancellationToken);
                    Written(lease);
                    cursor = lease.Envelope.Sequence;
                }

                if (leased.Count < want || (_settings.MaxDeliveries > 0 && Delivered >= _settings.MaxDeliveries))
                {
                    return;
                }
            }
        }
        finally
        {
            NodeLog.StreamClosed(_logger, ParticipantOin, Delivered, 0);
        }
    }

    /// <summary>
    /// A drained stream that ended at once would release its last deliveries while their
    /// acknowledgements are still on the way, and another stream could take them again: the same
    /// bericht processed twice. So it first gives those acknowledgements a short, real-time grace
    /// (they are network round trips, not business time); whatever is still unacknowledged after it
    /// is released as usual.
    /// </summary>
    private async Task AwaitLastAcknowledgementsAsync(CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(DrainGrace);
        try
        {
            while (InFlightCount > 0)
            {
                await _wakeups.Reader.WaitToReadAsync(grace.Token);
                _wakeups.Reader.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The grace ran out: the rest is released when the stream ends.
        }
    }

    private int InFlightCount
    {
        get
        {
            lock (_inFlightLock)
            {
                return _inFlight.Count;
            }
        }
    }

    private async Task<IReadOnlyList<LeasedEnvelope>> LeaseAsync(int want, DateTimeOffset now)
    {
        // Not cancellable on purpose: a lease the store committed must reach _inFlight, or it would
        // stay locked until its lease ran out instead of being released when this stream ends.
        var leased = await _store.LeaseAsync(
            new LeaseRequest
            {
                RecipientOin = ParticipantOin,
                MaxCount = want,
                Types = _settings.Types,
                Now = now,
                LeaseUntil = now + _settings.LeaseDuration,
            },
            CancellationToken.None);
        lock (_inFlightLock)
        {
            foreach (var lease in leased)
            {
                _inFlight[lease.Envelope.MessageId] = (lease.Delivery, lease.Envelope.LeaseExpireTime ?? now + _settings.LeaseDuration);
                _hub.TrackLease(lease.Delivery, this);
            }
        }

        return leased;
    }

    private void Written(LeasedEnvelope lease)
    {
        Delivered++;
        _metrics.Delivered(lease.Envelope, _time.GetUtcNow());
    }

    private static FetchPendingResponse ToResponse(LeasedEnvelope lease) => new()
    {
        Delivery = new Skn.V1.Delivery
        {
            Envelope = lease.Envelope.ToEnvelope(lease.SealedContent),
            DeliveryToken = DeliveryToken.Format(lease.Delivery),
            Attempt = lease.Envelope.Attempts,
        },
    };

    private bool DropLapsedLeases(DateTimeOffset now)
    {
        List<string>? lapsed = null;
        lock (_inFlightLock)
        {
            foreach (var (messageId, held) in _inFlight)
            {
                if (held.Until <= now)
                {
                    (lapsed ??= []).Add(messageId);
                }
            }

            lapsed?.ForEach(m => _inFlight.Remove(m));
        }

        if (lapsed is not null)
        {
            // The client holds them but did not acknowledge in time: they are deliverable again, to
            // this stream or another one of the participant.
            lapsed.ForEach(m => _hub.ForgetLease(m, this));
            _hub.Notify(ParticipantOin);
            return true;
        }

        return false;
    }

    private DateTimeOffset? EarliestLeaseEnd()
    {
        lock (_inFlightLock)
        {
            return _inFlight.Count == 0 ? null : _inFlight.Values.Min(held => held.Until);
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset? b) => b is { } value && value < a ? value : a;

    private async Task<bool> WaitAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (_wakeups.Reader.TryRead(out _))
        {
            return true;
        }

        var delay = until - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(delay, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wakeups.Reader.WaitToReadAsync(linked.Token);
            _wakeups.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<int> ReleaseAllAsync(bool failed)
    {
        List<DeliveryRef> open;
        lock (_inFlightLock)
        {
            open = [.. _inFlight.Values.Select(held => held.Delivery)];
            _inFlight.Clear();
        }

        if (open.Count == 0)
        {
            return 0;
        }

        open.ForEach(d => _hub.ForgetLease(d.MessageId, this));
        try
        {
            await _store.ReleaseAsync(open, failed, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // The store closed first (node shutdown); leases are released at the next start.
        }

        _hub.Notify(ParticipantOin);
        return open.Count;
    }
}

/// <summary>A FetchPending request's settings after defaults and caps.</summary>
internal sealed record FetchSettings(
    bool Follow,
    int MaxInFlight,
    IReadOnlyCollection<BerichtType> Types,
    TimeSpan HeartbeatInterval,
    int MaxDeliveries,
    TimeSpan LeaseDuration,
    bool Snapshot = false);
