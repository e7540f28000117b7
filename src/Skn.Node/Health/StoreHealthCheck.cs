using Microsoft.Extensions.Diagnostics.HealthChecks;
using Skn.Domain.Storage;
using Skn.Node.Logging;

namespace Skn.Node.Health;

/// <summary>
/// Reports the node healthy only while its store commits and a new envelope fits, so gRPC health
/// says NOT_SERVING (and /healthz/ready 503) while the disk is full or the file is locked, and
/// SERVING again, without a restart, once commits succeed. The store answers from its recent
/// commits on a busy node and probes a write when idle or after a failure.
/// </summary>
internal sealed class StoreHealthCheck(IMessageStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    /// <summary>Longest a check waits for the store: a probe waits behind a lock for the store's busy timeout.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private int _lastHealthy = 1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthCheckResult result;
        try
        {
            var check = await store.CheckWritableAsync(cancellationToken).WaitAsync(Patience, cancellationToken);
            result = check.CanCommit
                ? HealthCheckResult.Healthy(check.Description)
                : HealthCheckResult.Unhealthy(check.Description, check.Failure);
        }
        catch (TimeoutException exception)
        {
            result = HealthCheckResult.Unhealthy($"The store did not commit within {Patience.TotalSeconds:0} seconds.", exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }

        Report(result);
        return result;
    }

    /// <summary>Logs changes only: load balancers ask every few seconds.</summary>
    private void Report(HealthCheckResult result)
    {
        var healthy = result.Status == HealthStatus.Healthy ? 1 : 0;
        if (Interlocked.Exchange(ref _lastHealthy, healthy) == healthy)
        {
            return;
        }

        if (healthy == 1)
        {
            NodeLog.StoreHealthy(logger, result.Description ?? "");
        }
        else
        {
            NodeLog.StoreUnhealthy(logger, result.Description ?? "");
        }
    }
}
