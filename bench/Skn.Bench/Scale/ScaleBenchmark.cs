using System.Diagnostics;
using Skn.Bench.Harness;
using Skn.Bench.Systems.Skn;
using Skn.Bench.Workload;

namespace Skn.Bench.Scale;

/// <summary>
/// The node with a large backlog, per level (e.g. 10 k, 100 k, 1 M pending envelopes of 2 KB):
/// memory, time to the first delivery of a new stream, send throughput against the empty node, and
/// an expiry sweep of the whole backlog (the node restarted with its clock two weeks ahead) while a
/// sender keeps sending. The node runs over h2c here: TLS costs the same with or without a backlog.
/// </summary>
internal sealed class ScaleBenchmark(string workDirectory, TextWriter progress)
{
    private const int Producers = 8;
    private const int BurstMessages = 5_000;
    private const int Probes = 7;
    private static readonly TimeSpan WarmupAfterRestart = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<ScaleLevelResult>> RunAsync(IReadOnlyList<int> levels, CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot.Find();
        var tools = Path.Combine(workDirectory, "tools");
        Directory.CreateDirectory(tools);
        using var participants = BenchParticipants.Ensure(Path.Combine(tools, "certs"), Producers, 50);
        var results = new List<ScaleLevelResult>();
        foreach (var level in levels)
        {
            var data = Path.Combine(workDirectory, $"scale-{level}");
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }

            Directory.CreateDirectory(data);
            var environment = new BenchEnvironment(data, 50, repository, tools);
            results.Add(await RunLevelAsync(level, environment, participants, cancellationToken));
            Directory.Delete(data, recursive: true);
        }

        return results;
    }

    private async Task<ScaleLevelResult> RunLevelAsync(int level, BenchEnvironment environment, BenchParticipants participants, CancellationToken cancellationToken)
    {
        double fillRate, rssAfterFill, peak, sendEmpty, sendFull;
        var firstDeliveries = new List<double>();
        await using (var node = new SknNodeSystem(mutualTls: false, participants))
        {
            await node.StartAsync(environment, cancellationToken);

            // A first burst warms the JIT up on both sides, so the empty and full figures compare like with like.
            await SendBurst.MessagesPerSecondAsync(node, Producers, 1_000, 50, cancellationToken);
            sendEmpty = await SendBurst.MessagesPerSecondAsync(node, Producers, BurstMessages, 50, cancellationToken);
            progress.WriteLine($"{level:N0} pending: sends on the empty node {sendEmpty:N0} msg/s; filling");

            var clock = Stopwatch.StartNew();
            await Filler.FillAsync(node.Endpoint, participants.ProducerOins.Take(Producers).ToArray(), participants.MailboxOins, level - BurstMessages - 1_000, cancellationToken);
            fillRate = (level - BurstMessages - 1_000) / clock.Elapsed.TotalSeconds;
            rssAfterFill = node.Server.CurrentRssBytes / (1024.0 * 1024.0);
            progress.WriteLine($"{level:N0} pending: filled at {fillRate:N0}/s, node RSS {rssAfterFill:0} MB");

            await FirstDeliveryProbe.MillisecondsAsync(node.Endpoint, participants.MailboxOins[1], cancellationToken);
            for (var i = 0; i < Probes; i++)
            {
                firstDeliveries.Add(await FirstDeliveryProbe.MillisecondsAsync(node.Endpoint, participants.MailboxOins[(i * 7) % 50], cancellationToken));
            }

            sendFull = await SendBurst.MessagesPerSecondAsync(node, Producers, BurstMessages, 50, cancellationToken);
            progress.WriteLine($"{level:N0} pending: first delivery {Median(firstDeliveries):0.0} ms (max {firstDeliveries.Max():0.0}), sends {sendFull:N0} msg/s");
            peak = node.Server.PeakRssBytes / (1024.0 * 1024.0);
        }

        var (sweepSeconds, sweepP99, sweepMax, sweepPeak) = await SweepAsync(environment, participants, cancellationToken);
        progress.WriteLine(double.IsNaN(sweepP99)
            ? $"{level:N0} pending: sweep {sweepSeconds:0.0} s, over before sends were counted (the restart's first second)"
            : $"{level:N0} pending: sweep {sweepSeconds:0.0} s, sends during it p99 {sweepP99:0.0} ms, max {sweepMax:0.0} ms");
        firstDeliveries.Sort();
        return new ScaleLevelResult
        {
            Pending = level,
            FillPerSecond = fillRate,
            RssAfterFillMb = rssAfterFill,
            PeakRssMb = Math.Max(peak, sweepPeak),
            FirstDeliveryMedianMs = Median(firstDeliveries),
            FirstDeliveryMaxMs = firstDeliveries.Max(),
            SendEmptyPerSecond = sendEmpty,
            SendFullPerSecond = sendFull,
            SweepSeconds = sweepSeconds,
            SweepP99SendMs = sweepP99,
            SweepMaxSendMs = sweepMax,
        };
    }

    /// <summary>Restarts the node two weeks ahead, so everything pending is past its term, and times the sweep under a steady sender.</summary>
    private static async Task<(double Seconds, double P99Ms, double MaxMs, double PeakRssMb)> SweepAsync(
        BenchEnvironment environment, BenchParticipants participants, CancellationToken cancellationToken)
    {
        var database = Path.Combine(environment.DataDirectory, "skn.db");
        var lastOfFill = PendingCounter.MaxSequence(database);
        await using var node = new SknNodeSystem(mutualTls: false, participants);
        node.ExtraSettings["Skn:BenchmarkClockOffset"] = "14.00:00:00";
        await node.StartAsync(environment, cancellationToken);
        var clock = Stopwatch.StartNew();

        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latencies = new List<double>();
        var sender = Task.Run(async () =>
        {
            await using var producer = await node.CreateProducerAsync(0, cancellationToken);
            var body = new byte[2048];
            Random.Shared.NextBytes(body);
            for (var k = 0L; !stopSending.IsCancellationRequested; k++)
            {
                MessageStamp.Write(body, k);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await producer.SendAsync((int)(k % 50), body, stopSending.Token);
                }
                catch (Exception) when (stopSending.IsCancellationRequested)
                {
                    return;
                }

                // The first second after the restart is the JIT's, not the sweep's: not counted.
                if (clock.Elapsed > WarmupAfterRestart)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }, CancellationToken.None);

        var deadline = TimeSpan.FromMinutes(10);
        double seconds;
        while (true)
        {
            if (PendingCounter.CountPending(database, lastOfFill) == 0)
            {
                seconds = clock.Elapsed.TotalSeconds;
                break;
            }

            if (clock.Elapsed > deadline)
            {
                seconds = double.PositiveInfinity;
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        await stopSending.CancelAsync();
        await sender;
        latencies.Sort();
        var p99 = latencies.Count == 0 ? double.NaN : latencies[Math.Max(0, (int)Math.Ceiling(latencies.Count * 0.99) - 1)];
        return (seconds, p99, latencies.Count == 0 ? double.NaN : latencies[^1], node.Server.PeakRssBytes / (1024.0 * 1024.0));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
