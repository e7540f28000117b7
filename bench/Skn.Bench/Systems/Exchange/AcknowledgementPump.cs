using Grpc.Core;
using Skn.Bench.Harness;
using Skn.V1;

namespace Skn.Bench.Systems.Exchange;

/// <summary>
/// Natural batching of acknowledgements for one mailbox: while one Acknowledge call is in flight,
/// the tokens that arrive wait; when it returns, all of them go in the next call. Under load a call
/// carries many tokens (one transaction, one fsync on the node); when idle, each goes at once.
/// </summary>
internal sealed class AcknowledgementPump : IAsyncDisposable
{
    private const int MaxTokensPerCall = 1000;

    private readonly ExchangeService.ExchangeServiceClient _client;
    private readonly ExchangeEndpoint _endpoint;
    private readonly string _oin;
    private readonly IDeliverySink _sink;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private List<string> _waiting = [];
    private Task _running = Task.CompletedTask;
    private bool _pumping;

    public AcknowledgementPump(ExchangeService.ExchangeServiceClient client, ExchangeEndpoint endpoint, string oin, IDeliverySink sink)
    {
        _client = client;
        _endpoint = endpoint;
        _oin = oin;
        _sink = sink;
    }

    public void Add(string token)
    {
        lock (_gate)
        {
            _waiting.Add(token);
            if (!_pumping)
            {
                // The flag, not the task's state, says whether a pump will see this token: the
                // task completes a moment after its last look at the list.
                _pumping = true;
                _running = Task.Run(PumpAsync);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            List<string> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _pumping = false;
                    return;
                }

                if (_waiting.Count <= MaxTokensPerCall)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting.GetRange(0, MaxTokensPerCall);
                    _waiting.RemoveRange(0, MaxTokensPerCall);
                }
            }

            var request = new AcknowledgeRequest();
            request.DeliveryTokens.AddRange(batch);
            try
            {
                await _client.AcknowledgeAsync(request, _endpoint.CallOptionsFor(_oin, _stop.Token));
            }
            catch
            {
                lock (_gate)
                {
                    _pumping = false;
                }

                throw;
            }

            _sink.Acknowledged(batch.Count);
        }
    }
}
