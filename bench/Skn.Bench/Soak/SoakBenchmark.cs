using System.Diagnostics;
using System.Globalization;
using Skn.Bench.Harness;
using Skn.Bench.Reporting;
using Skn.Bench.Systems.Skn;

namespace Skn.Bench.Soak;

/// <summary>
/// The soak run of issue 7: the node as deployed (mutual TLS) on a fresh data folder, one
/// FetchPending follow stream per mailbox (each mailbox its own creditor with its own certificate
/// and connection) acknowledging what it receives, and producers sending 2 KB messages at a steady
/// rate for a fixed time. Every few seconds it samples the node's memory, handles, threads, CPU and
/// database files, and the clients' latencies over the interval. It then drains, counts what was
/// lost or repeated, and stops the node by process id. Bounded: the sending stops at the duration,
/// the drain has a timeout, and the whole run is cancelled at duration + drain + 5 minutes.
/// </summary>
internal sealed class SoakBenchmark(string workDirectory, TextWriter progress)
{
    private static readonly TimeSpan StreamSetup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan VerdictWindow = TimeSpan.FromSeconds(30);

    public async Task<SoakResult> RunAsync(SoakSettings settings, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(settings.Duration + settings.DrainTimeout + TimeSpan.FromMinutes(5));
        var ct = bounded.Token;

        var repository = RepositoryRoot.Find();
        var tools = Path.Combine(workDirectory, "tools");
        Directory.CreateDirectory(tools);
        progress.WriteLine($"soak: certificates for {settings.Producers} counsellors and {settings.Streams} creditors");
        using var participants = BenchParticipants.Ensure(Path.Combine(tools, "soak-certs"), settings.Producers, settings.Streams);
        var data = Path.Combine(workDirectory, "soak");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        var environment = new BenchEnvironment(data, settings.Streams, repository, tools);
        var sink = new SoakSink(settings.Capacity);
        var samples = new List<SoakSample>();
        var started = DateTimeOffset.Now;
        string? failure = null;
        double drainSeconds;
        PacedSenders senders;
        SystemDescription description;

        await using (var node = new SknNodeSystem(mutualTls: true, participants))
        {
            description = await node.StartAsync(environment, ct);
            progress.WriteLine($"soak: node pid {node.Server.ProcessId} on port {node.Port}, opening {settings.Streams} follow streams");

            var producers = new List<IMailboxProducer>();
            for (var p = 0; p < settings.Producers; p++)
            {
                producers.Add(await node.CreateProducerAsync(p, ct));
            }

            // Creditor systems of 50 mailboxes each; with TLS every mailbox is its own connection.
            var consumers = new List<IMailboxConsumer>();
            foreach (var group in Enumerable.Range(0, settings.Streams).Chunk(50))
            {
                consumers.Add(await node.CreateConsumerAsync(consumers.Count, group, ct));
            }

            using var stopConsumers = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var consuming = Task.WhenAll(consumers.Select(c => c.RunAsync(sink, stopConsumers.Token)));
            await Task.Delay(StreamSetup, ct);

            senders = new PacedSenders(producers, sink, settings);
            var start = Stopwatch.GetTimestamp();
            var sending = senders.RunAsync(start, ct);
            var lastCpu = node.Server.CpuSeconds;
            var lastTime = start;
            long lastSent = 0;

            SoakSample Take()
            {
                var now = Stopwatch.GetTimestamp();
                var wall = (double)(now - lastTime) / Stopwatch.Frequency;
                var cpu = node.Server.CpuSeconds;
                var sent = sink.Sent;
                var (sendP50, sendP99, _) = sink.SendLatency.TakePercentiles();
                var (deliveryP50, deliveryP99, _) = sink.DeliveryLatency.TakePercentiles();
                var seconds = (double)(now - start) / Stopwatch.Frequency;
                var files = DatabaseFileStats.Read(node.DatabasePath);
                var sample = new SoakSample
                {
                    Seconds = seconds,
                    RssMb = node.Server.CurrentRssBytes / (1024.0 * 1024.0),
                    Handles = node.Server.HandleCount,
                    Threads = node.Server.ThreadCount,
                    CpuPercent = wall > 0 ? (cpu - lastCpu) / wall * 100 : double.NaN,
                    SentPerSecond = wall > 0 ? (sent - lastSent) / wall : double.NaN,
                    SendP50Ms = sendP50,
                    SendP99Ms = sendP99,
                    DeliveryP50Ms = deliveryP50,
                    DeliveryP99Ms = deliveryP99,
                    SentTotal = sent,
                    Backlog = sink.Backlog,
                    Missing = sink.Missing(TimeSpan.FromSeconds(30)),
                    Repeated = sink.Repeated,
                    SendFailures = sink.SendFailures,
                    DatabaseMb = files.DatabaseMb,
                    DatabaseFreeMb = files.FreeMb,
                    WalMb = files.WalMb,
                    Warmup = seconds <= settings.Warmup.TotalSeconds,
                };
                (lastCpu, lastTime, lastSent) = (cpu, now, sent);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"soak {sample.Seconds,6:0}s  rss {sample.RssMb,6:0.0} MB  fds {sample.Handles,4}  threads {sample.Threads,3}  cpu {sample.CpuPercent,5:0}%  sent {sample.SentPerSecond,5:0}/s  send p99 {sample.SendP99Ms,6:0.0} ms  delivery p99 {sample.DeliveryP99Ms,6:0.0} ms  db {sample.DatabaseMb,5:0.0} MB (free {sample.DatabaseFreeMb,4:0.0})  wal {sample.WalMb,4:0.0} MB  backlog {sample.Backlog,5}  missing {sample.Missing}  repeated {sample.Repeated}"));
                return sample;
            }

            using (var timer = new PeriodicTimer(settings.SampleInterval))
            {
                while (!sending.IsCompleted)
                {
                    var tick = timer.WaitForNextTickAsync(ct).AsTask();
                    await Task.WhenAny(tick, sending);
                    if (consuming.IsFaulted && failure is null)
                    {
                        failure = $"a follow stream failed: {consuming.Exception?.GetBaseException().Message}";
                        progress.WriteLine($"soak: {failure}");
                    }

                    if (tick.IsCompleted || sending.IsCompleted)
                    {
                        samples.Add(Take());
                    }
                }
            }

            await sending;
            progress.WriteLine($"soak: sending done ({sink.Sent:N0} sent, {sink.SendFailures} failed), draining");

            // Everything sent is delivered and acknowledged, or the timeout leaves it as lost.
            var drain = Stopwatch.StartNew();
            while (drain.Elapsed < settings.DrainTimeout
                   && (sink.Missing(TimeSpan.Zero) > 0 || sink.Acknowledged < sink.Distinct + sink.Repeated))
            {
                await Task.Delay(100, ct);
            }

            drainSeconds = drain.Elapsed.TotalSeconds;
            await stopConsumers.CancelAsync();
            try
            {
                await consuming;
            }
            catch (Exception e) when (failure is null)
            {
                failure = $"a follow stream or acknowledgement failed: {e.GetBaseException().Message}";
            }

            foreach (var producer in producers)
            {
                await producer.DisposeAsync();
            }

            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync();
            }
        }

        Directory.Delete(data, recursive: true);
        return new SoakResult
        {
            Machine = MachineInfo.Describe(),
            Node = $"{description.Version}; {string.Join("; ", description.Settings)}",
            Started = started,
            DurationSeconds = settings.Duration.TotalSeconds,
            Rate = settings.Rate,
            Streams = settings.Streams,
            Producers = settings.Producers,
            WarmupSeconds = settings.Warmup.TotalSeconds,
            FlatThresholdPercent = settings.FlatThresholdPercent,
            Samples = samples,
            Sent = sink.Sent,
            SendFailures = sink.SendFailures,
            Delivered = sink.Distinct,
            Repeated = sink.Repeated,
            Foreign = sink.Foreign,
            Lost = sink.Missing(TimeSpan.Zero),
            DrainSeconds = drainSeconds,
            MaxSendLagMs = senders.MaxLagMs,
            Failure = failure,
            Verdict = Judge(samples, settings),
        };
    }

    /// <summary>The mean of each end's 30-second window, the slope in between, and flat or not.</summary>
    private static SoakVerdict Judge(IReadOnlyList<SoakSample> samples, SoakSettings settings)
    {
        var warmup = settings.Warmup.TotalSeconds;
        var after = samples.Where(s => !s.Warmup).ToArray();
        if (after.Length == 0)
        {
            return new SoakVerdict();
        }

        var first = after.Where(s => s.Seconds <= warmup + VerdictWindow.TotalSeconds).DefaultIfEmpty(after[0]).ToArray();
        var end = after.Where(s => s.Seconds >= after[^1].Seconds - VerdictWindow.TotalSeconds).ToArray();
        var meanX = after.Average(s => s.Seconds);
        var meanY = after.Average(s => s.RssMb);
        var sxx = after.Sum(s => (s.Seconds - meanX) * (s.Seconds - meanX));
        var slope = sxx > 0 ? after.Sum(s => (s.Seconds - meanX) * (s.RssMb - meanY)) / sxx : 0;
        var verdict = new SoakVerdict
        {
            RssAfterWarmupMb = first.Average(s => s.RssMb),
            RssAtEndMb = end.Average(s => s.RssMb),
            RssSlopeMbPerMinute = slope * 60,
            PeakRssMb = samples.Max(s => s.RssMb),
            HandlesAfterWarmup = first.Average(s => s.Handles),
            HandlesAtEnd = end.Average(s => s.Handles),
            ThreadsAfterWarmup = first.Average(s => s.Threads),
            ThreadsAtEnd = end.Average(s => s.Threads),
            DatabaseAfterWarmupMb = first.Average(s => s.DatabaseMb),
            DatabaseAtEndMb = end.Average(s => s.DatabaseMb),
            MessagesAfterWarmup = after[^1].SentTotal - (samples.LastOrDefault(s => s.Warmup)?.SentTotal ?? 0),
        };
        return verdict with { MemoryFlat = verdict.RssGrowthPercent <= settings.FlatThresholdPercent };
    }
}
