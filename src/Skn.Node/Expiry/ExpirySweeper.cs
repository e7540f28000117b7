using Microsoft.Extensions.Options;
using Skn.Domain.Storage;
using Skn.Node.Delivery;
using Skn.Node.Hosting;
using Skn.Node.Logging;
using Skn.Node.Telemetry;

namespace Skn.Node.Expiry;

/// <summary>
/// Deletes envelopes whose term ran out and purges the trail past its retention. Sleeps until the
/// earliest expire time the store knows of (at most <see cref="NodeOptions.ExpirySweepInterval"/>),
/// driven by the injected <see cref="TimeProvider"/> so tests can move the clock. Expires in
/// batches, each its own transaction that the store keeps short (it may return fewer than asked),
/// until one comes back empty, so that concurrent sends are never held up for long.
/// </summary>
internal sealed class ExpirySweeper(
    IMessageStore store,
    MailboxHub hub,
    TimeProvider time,
    IOptions<NodeOptions> options,
    NodeMetrics metrics,
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Completed sweeps, for tests that wait for one after moving the clock.</summary>
    public long Sweeps { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await SweepOnceAsync(stoppingToken);
                var next = await store.NextExpireTimeAsync(stoppingToken);
                var untilNext = next is { } due ? due - time.GetUtcNow() : settings.ExpirySweepInterval;
                delay = untilNext < settings.ExpirySweepInterval ? untilNext : settings.ExpirySweepInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                NodeLog.SweepFailed(logger, ex);
                delay = settings.ExpirySweepInterval;
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    internal async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        int count;
        var total = 0;
        do
        {
            var expired = await store.ExpireAsync(now, settings.ExpiryBatchSize, cancellationToken);
            count = expired.Count;
            total += count;
            foreach (var record in expired)
            {
                metrics.Expired(record.Type);
                hub.Settle(record.MessageId);
            }
        }
        while (count > 0 && !cancellationToken.IsCancellationRequested);

        if (total > 0)
        {
            NodeLog.Expired(logger, total);
        }

        if (now >= _nextPurge)
        {
            var cutoff = now - settings.TrailRetention;
            var purged = await store.PurgeTrailAsync(cutoff, cancellationToken);
            if (purged > 0)
            {
                NodeLog.TrailPurged(logger, purged, cutoff);
            }

            _nextPurge = now + PurgeInterval;
        }

        Sweeps++;
    }
}
