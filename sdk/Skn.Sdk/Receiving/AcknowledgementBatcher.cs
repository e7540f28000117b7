using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk.Receiving;

/// <summary>
/// Sends acknowledgements in batches without adding latency: one call carries whatever was queued
/// while the previous call was under way (up to <see cref="MaxBatch"/>), so a busy consumer makes
/// few calls and an idle one is answered at once. Each caller learns its own token's outcome.
/// </summary>
internal sealed class AcknowledgementBatcher : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly Channel<PendingAcknowledgement> _queue = Channel.CreateUnbounded<PendingAcknowledgement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<PendingAcknowledgement, byte> _outstanding = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly NodeConnection _connection;
    private readonly RpcInvoker _invoker;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public AcknowledgementBatcher(NodeConnection connection, RpcInvoker invoker, ILogger logger)
    {
        _connection = connection;
        _invoker = invoker;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public Task<AcknowledgeOutcome> AcknowledgeAsync(string deliveryToken, CancellationToken cancellationToken)
    {
        var pending = new PendingAcknowledgement(deliveryToken);
        _outstanding[pending] = 0;
        if (!_queue.Writer.TryWrite(pending))
        {
            _outstanding.TryRemove(pending, out _);
            throw new ObjectDisposedException(nameof(SknClient), "The client is disposed; nothing more can be acknowledged.");
        }

        // Cancelling stops the wait, not the acknowledgement: once queued it is sent.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when everything queued before the call has been answered.</summary>
    public async Task FlushAsync()
    {
        var waiting = _outstanding.Keys.Select(p => p.Completion.Task).ToArray();
        try
        {
            await Task.WhenAll(waiting);
        }
        catch (Exception)
        {
            // Each caller observes its own failure; a flush only waits.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(30))) != _loop)
        {
            _stopping.Cancel();
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAcknowledgement>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await SendAsync(batch);
            foreach (var pending in batch)
            {
                _outstanding.TryRemove(pending, out _);
            }
        }
    }

    private async Task SendAsync(List<PendingAcknowledgement> batch)
    {
        var request = new AcknowledgeRequest();
        request.DeliveryTokens.AddRange(batch.Select(p => p.Token).Distinct(StringComparer.Ordinal));
        try
        {
            var response = await _invoker.CallAsync(
                "Acknowledge",
                CallKind.Idempotent,
                call => _connection.Exchange.AcknowledgeAsync(request, call),
                _stopping.Token);
            var outcomes = response.Results
                .GroupBy(r => r.DeliveryToken, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Outcome, StringComparer.Ordinal);
            foreach (var pending in batch)
            {
                if (outcomes.TryGetValue(pending.Token, out var outcome))
                {
                    pending.Completion.TrySetResult(outcome);
                }
                else
                {
                    pending.Completion.TrySetException(new SknException($"The node gave no outcome for acknowledgement {pending.Token}."));
                }
            }
        }
        catch (Exception ex)
        {
            SdkLog.AcknowledgeFailed(_logger, ex, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class PendingAcknowledgement(string token)
    {
        public string Token { get; } = token;

        public TaskCompletionSource<AcknowledgeOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
