using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Google.Protobuf;
using Skn.Contracts.Rules;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Skn.Sdk.Rules;
using Skn.Sdk.Sealing;
using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk;

public sealed partial class SknClient
{
    /// <summary>
    /// Receives our pending berichten, opened and checked, oldest first. Each must be acknowledged
    /// (<see cref="ReceivedMessage.AcknowledgeAsync"/>) once safely processed; until then it counts
    /// against <see cref="FetchOptions.MaxInFlight"/>, and if the enumeration ends first it goes back
    /// to the node for redelivery. Berichten that cannot be opened or break the content rules are
    /// never yielded nor acknowledged; see <see cref="FetchOptions.OnRefused"/>.
    /// </summary>
    /// <param name="options">Follow mode, credit, type filter, heartbeat.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <exception cref="SknRequestException">The node refused the fetch (for example: our participant is suspended), or it stayed unreachable without follow mode.</exception>
    public async IAsyncEnumerable<ReceivedMessage> FetchAsync(FetchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new FetchOptions();
        if (options.Snapshot && options.Follow)
        {
            throw new ArgumentException("FetchOptions.Snapshot walks the mailbox once; it cannot be combined with Follow.", nameof(options));
        }

        var received = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(options, received.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var message in received.Reader.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }
        finally
        {
            // Acknowledgements made so far reach the node before the stream closes, because closing
            // hands every unacknowledged delivery back for redelivery.
            await _acknowledgements.FlushAsync();
            await stop.CancelAsync();
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Receives with <see cref="FetchAsync"/> and calls <paramref name="handler"/> for each bericht in
    /// turn: when the handler returns, the bericht is acknowledged (in batches); when it throws, the
    /// bericht is not acknowledged and the node delivers it again after its lease.
    /// </summary>
    /// <param name="handler">Processes one bericht; it should be safe to run twice for the same message id (delivery is at least once).</param>
    /// <param name="options">As for <see cref="FetchAsync"/>; set <see cref="FetchOptions.Follow"/> to keep processing as berichten arrive.</param>
    /// <param name="cancellationToken">Stops processing.</param>
    /// <returns>How many berichten were handled and acknowledged.</returns>
    public async Task<int> ProcessAsync(Func<ReceivedMessage, CancellationToken, Task> handler, FetchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var acknowledged = 0;
        var pending = new List<Task<bool>>();
        await foreach (var message in FetchAsync(options, cancellationToken))
        {
            try
            {
                await handler(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                SdkLog.HandlerFailed(_logger, ex, message.MessageId, message.Type);
                continue;
            }

            // Not awaited one by one, so that a fast handler's acknowledgements share calls.
            pending.Add(AcknowledgeQuietlyAsync(message));
            acknowledged += pending.Count(t => t.IsCompleted && t.Result);
            pending.RemoveAll(t => t.IsCompleted);
        }

        return acknowledged + (await Task.WhenAll(pending)).Count(done => done);
    }

    /// <summary>
    /// Acknowledges deliveries by their <see cref="ReceivedMessage.Receipt"/>, for when the message
    /// object is gone (another process, a later run). Batched like every acknowledgement.
    /// </summary>
    /// <returns>Each receipt with its outcome, in the order given.</returns>
    public async Task<IReadOnlyList<(string Receipt, AcknowledgeOutcome Outcome)>> AcknowledgeAsync(IEnumerable<string> receipts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var list = receipts.ToList();
        var outcomes = await Task.WhenAll(list.Select(r => _acknowledgements.AcknowledgeAsync(r, cancellationToken)));
        return list.Zip(outcomes).ToList();
    }

    /// <summary>
    /// Opens an envelope's sealed content and checks it: the signature against the sender's
    /// certificates in the directory, the signed header against the envelope, the content rules. Used
    /// by <see cref="FetchAsync"/>; call it directly for envelopes obtained otherwise.
    /// </summary>
    /// <exception cref="SknContentTamperedException">The content is damaged or altered.</exception>
    /// <exception cref="SknSignerMismatchException">It is signed by someone other than the sender.</exception>
    /// <exception cref="SknHeaderMismatchException">The signed header does not match the envelope.</exception>
    /// <exception cref="SknContentRuleException">The bericht breaks the content rules.</exception>
    public Task<ReceivedMessage> OpenAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return OpenCoreAsync(envelope, attempt: 0, deliveryToken: null, cancellationToken);
    }

    private async Task<ReceivedMessage> OpenCoreAsync(Envelope envelope, int attempt, string? deliveryToken, CancellationToken cancellationToken)
    {
        var sender = await SenderOfAsync(envelope, cancellationToken);
        OpenedContent opened;
        try
        {
            opened = ContentSeal.Open(envelope.MessageId, envelope.SealedContent.Span, _options.Certificate!, sender.SigningCertificates);
        }
        catch (SknSignerMismatchException) when (_options.TimeProvider.GetUtcNow() - sender.FetchedAt > TimeSpan.FromSeconds(1))
        {
            // The sender may have rolled over to a new certificate since we cached its entry.
            sender = await Directory.RefreshAsync(envelope.SenderOin, cancellationToken);
            opened = ContentSeal.Open(envelope.MessageId, envelope.SealedContent.Span, _options.Certificate!, sender.SigningCertificates);
        }

        var mismatches = ContentHeaders.Mismatches(opened.Content, envelope);
        if (mismatches.Count > 0)
        {
            throw new SknHeaderMismatchException(envelope.MessageId, mismatches);
        }

        var self = await Directory.GetAsync(Oin, cancellationToken);
        var violations = ContentRules.Check(opened.Content, self.Attributes, _calendar.LocalDate(_options.TimeProvider.GetUtcNow()));
        if (violations.Count > 0)
        {
            throw new SknContentRuleException(opened.Content.GetBericht()?.Descriptor.Name ?? nameof(Content), violations);
        }

        var metadata = envelope.Clone();
        metadata.SealedContent = ByteString.Empty;
        return new ReceivedMessage(metadata, opened.Content, sender, opened.Signer, attempt, deliveryToken, deliveryToken is null ? null : _acknowledgements.AcknowledgeAsync);
    }

    private async Task<DirectoryEntry> SenderOfAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            return await Directory.GetAsync(envelope.SenderOin, cancellationToken);
        }
        catch (SknRequestException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            throw new SknSignerMismatchException(envelope.MessageId, $"The sender {envelope.SenderOin} of {envelope.MessageId} is not in the directory, so its signature cannot be trusted.", null);
        }
    }

    private async Task<bool> AcknowledgeQuietlyAsync(ReceivedMessage message)
    {
        try
        {
            var outcome = await message.AcknowledgeAsync();
            if (outcome is AcknowledgeOutcome.Acknowledged or AcknowledgeOutcome.AlreadyAcknowledged)
            {
                return true;
            }

            SdkLog.AcknowledgeNotApplied(_logger, message.MessageId, outcome);
            return false;
        }
        catch (SknException)
        {
            return false; // Logged by the batcher; the node delivers the bericht again.
        }
    }

    /// <summary>Runs fetch streams one after another until done, feeding <paramref name="received"/>; never throws.</summary>
    private async Task PumpAsync(FetchOptions options, ChannelWriter<ReceivedMessage> received, CancellationToken cancellationToken)
    {
        try
        {
            var backoff = TimeSpan.Zero;
            var failures = 0;
            while (true)
            {
                var (drained, delivered, reason) = await RunStreamAsync(options, received, cancellationToken);
                if (drained && !options.Follow)
                {
                    break;
                }

                if (delivered > 0)
                {
                    failures = 0;
                    backoff = TimeSpan.Zero;
                }

                failures++;
                if (!options.Follow && failures >= _options.Retry.MaxAttempts)
                {
                    throw new SknRequestException(StatusCode.Unavailable, ErrorReason.Unspecified, $"The fetch stream broke off {failures} times; last: {reason}", []);
                }

                backoff = _invoker.NextBackoff(backoff);
                var wait = RpcInvoker.Jitter(backoff);
                SdkLog.Reconnecting(_logger, reason ?? "the node ended the stream", wait);
                // Real time, not the options' clock: a frozen test clock must not freeze retries.
                await Task.Delay(wait, cancellationToken);
            }

            received.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            received.TryComplete();
        }
        catch (Exception ex)
        {
            received.TryComplete(ex);
        }
    }

    /// <summary>One FetchPending stream: true when the node ended it normally, else why it broke.</summary>
    private async Task<(bool Drained, int Delivered, string? Reason)> RunStreamAsync(FetchOptions options, ChannelWriter<ReceivedMessage> received, CancellationToken cancellationToken)
    {
        // The node keeps the interval between 1 and 60 seconds; the watchdog must use the same bounds.
        var heartbeat = TimeSpan.FromTicks(Math.Clamp(options.HeartbeatInterval.Ticks, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(60).Ticks));
        var request = new FetchPendingRequest
        {
            Follow = options.Follow,
            Snapshot = options.Snapshot,
            MaxInFlight = options.MaxInFlight,
            HeartbeatInterval = Duration.FromTimeSpan(heartbeat),
        };
        request.BerichtTypes.AddRange(options.BerichtTypes);

        // Anything at all (a delivery or a heartbeat) proves the stream alive; three silent heartbeat
        // intervals mean a half-open connection, and a new stream is made on a new connection.
        var silence = heartbeat * 3;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(silence);
        var delivered = 0;
        var exchange = _connection.Exchange;
        try
        {
            using var call = exchange.FetchPending(request, new CallOptions(cancellationToken: watchdog.Token));
            while (await call.ResponseStream.MoveNext(watchdog.Token))
            {
                watchdog.CancelAfter(silence);
                if (call.ResponseStream.Current.Delivery is not { } delivery)
                {
                    continue;
                }

                delivered++;
                var message = await TryOpenAsync(delivery, options, cancellationToken);
                if (message is not null)
                {
                    received.TryWrite(message);
                }
            }

            return (true, delivered, null);
        }
        catch (Exception ex) when (watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is RpcException or OperationCanceledException)
        {
            // The heartbeats stopped: the connection under the stream is presumed half-open (a NAT or
            // proxy forgot it, the peer vanished). Cancelling the call alone would leave the socket in
            // the pool, and the next stream would be multiplexed onto it and hang the same way.
            if (_connection.Abandon(exchange))
            {
                SdkLog.ConnectionAbandoned(_logger, silence);
            }

            return (false, delivered, $"nothing arrived for {silence.TotalSeconds:0} s");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Aborted or StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
            // Cancelled without our asking: the channel was abandoned by another stream of this client.
            return (false, delivered, $"{ex.StatusCode}: {ex.Status.Detail}");
        }
        catch (RpcException ex)
        {
            throw RpcInvoker.ToSknException(ex);
        }
    }

    private async Task<ReceivedMessage?> TryOpenAsync(Delivery delivery, FetchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenCoreAsync(delivery.Envelope, delivery.Attempt, delivery.DeliveryToken, cancellationToken);
        }
        catch (SknException ex) when (ex is SknOpenException or SknContentRuleException)
        {
            var metadata = delivery.Envelope.Clone();
            metadata.SealedContent = ByteString.Empty;
            SdkLog.Refused(_logger, metadata.MessageId, metadata.SenderOin, ex.Message);
            if (options.OnRefused is not null)
            {
                await options.OnRefused(new RefusedMessage(metadata, delivery.Attempt, ex), cancellationToken);
            }

            return null;
        }
    }
}
