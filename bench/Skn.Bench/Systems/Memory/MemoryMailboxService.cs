using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Skn.V1;

namespace Skn.Bench.Systems.Memory;

/// <summary>
/// The transport's ceiling: the exchange contract's Send, FetchPending (follow, with credit) and
/// Acknowledge over a queue per recipient in memory, with no checks, no disk and no TLS. Whatever
/// the node loses against this is the price of durability, checks and bookkeeping.
/// </summary>
internal sealed class MemoryMailboxService : ExchangeService.ExchangeServiceBase
{
    private const string OinHeader = "skn-benchmark-oin";

    private readonly ConcurrentDictionary<string, Channel<Pending>> _mailboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Pending Message, StreamCredit Stream)> _inFlight = new(StringComparer.Ordinal);
    private long _streams;

    public override Task<SendResponse> Send(SendRequest request, ServerCallContext context)
    {
        var envelope = request.Envelope ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "envelope is required"));
        // The request is this call's own: it is stored as it is, not copied.
        envelope.SenderOin = Caller(context);
        var written = Mailbox(envelope.RecipientOin).Writer.TryWrite(new Pending(envelope));
        System.Diagnostics.Debug.Assert(written, "unbounded channels always accept");

        var answer = envelope.Clone();
        answer.SealedContent = ByteString.Empty;
        return Task.FromResult(new SendResponse { Envelope = answer });
    }

    public override async Task FetchPending(FetchPendingRequest request, IServerStreamWriter<FetchPendingResponse> responseStream, ServerCallContext context)
    {
        var mailbox = Mailbox(Caller(context));
        var credit = new StreamCredit(Math.Clamp(request.MaxInFlight == 0 ? 16 : request.MaxInFlight, 1, 256));
        var streamId = Interlocked.Increment(ref _streams);
        long sequence = 0;
        try
        {
            while (true)
            {
                await credit.Available.WaitAsync(context.CancellationToken);
                if (!mailbox.Reader.TryRead(out var message))
                {
                    if (!request.Follow)
                    {
                        return;
                    }

                    message = await mailbox.Reader.ReadAsync(context.CancellationToken);
                }

                var token = $"{streamId}.{++sequence}";
                _inFlight[token] = (message, credit);
                credit.Tokens[token] = 0;
                await responseStream.WriteAsync(new FetchPendingResponse
                {
                    Delivery = new Delivery { Envelope = message.Envelope, DeliveryToken = token, Attempt = 1 },
                });
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            // Unacknowledged deliveries go back to the mailbox, as on the node.
            foreach (var token in credit.Tokens.Keys)
            {
                if (_inFlight.TryRemove(token, out var entry))
                {
                    mailbox.Writer.TryWrite(entry.Message);
                }
            }
        }
    }

    public override Task<AcknowledgeResponse> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        var response = new AcknowledgeResponse();
        foreach (var token in request.DeliveryTokens)
        {
            var found = _inFlight.TryRemove(token, out var entry);
            if (found)
            {
                entry.Stream.Tokens.TryRemove(token, out _);
                entry.Stream.Available.Release();
            }

            response.Results.Add(new AcknowledgeResult
            {
                DeliveryToken = token,
                Outcome = found ? AcknowledgeOutcome.Acknowledged : AcknowledgeOutcome.NotFound,
            });
        }

        return Task.FromResult(response);
    }

    private static string Caller(ServerCallContext context) =>
        context.RequestHeaders.GetValue(OinHeader)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, $"the {OinHeader} header names the caller"));

    private Channel<Pending> Mailbox(string oin) =>
        _mailboxes.GetOrAdd(oin, _ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false }));

    private sealed record Pending(Envelope Envelope);

    private sealed class StreamCredit(int maxInFlight)
    {
        public SemaphoreSlim Available { get; } = new(maxInFlight, maxInFlight);

        public ConcurrentDictionary<string, byte> Tokens { get; } = new(StringComparer.Ordinal);
    }
}
