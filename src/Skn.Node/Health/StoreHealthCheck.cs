using Microsoft.Extensions.Diagnostics.HealthChecks;
using Skn.Domain.Storage;

namespace Skn.Node.Health;

/// <summary>Reports the node healthy only while its store answers, so gRPC health says NOT_SERVING when it does not.</summary>
internal sealed class StoreHealthCheck(IMessageStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.NextExpireTimeAsync(cancellationToken);
            return HealthCheckResult.Healthy("The store answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
