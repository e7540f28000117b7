using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;

namespace Skn.Node.Limits;

/// <summary>
/// A token bucket per participant (System.Threading.RateLimiting): <see cref="ParticipantLimitOptions.RequestBurst"/>
/// tokens, refilled at <see cref="ParticipantLimitOptions.RequestsPerSecond"/>. A call that finds the
/// bucket empty is refused at once rather than queued, so a flood never holds server resources.
/// </summary>
internal sealed class RequestRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public RequestRateLimiter(IOptions<NodeOptions> options)
    {
        var limits = options.Value.Limits;
        _limiter = PartitionedRateLimiter.Create<string, string>(oin => RateLimitPartition.GetTokenBucketLimiter(
            oin,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.RequestBurst,
                TokensPerPeriod = limits.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one call from the participant's bucket; false (with a wait hint) when it is empty.</summary>
    public bool TryAcquire(string participantOin, out TimeSpan? retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(participantOin);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
