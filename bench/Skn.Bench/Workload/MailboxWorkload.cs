using System.Diagnostics;
using Skn.Bench.Harness;

namespace Skn.Bench.Workload;

/// <summary>
/// Runs the mailbox workload against one started system: P producers (one send in flight each)
/// send message k to mailbox k mod 50 while C consumers drain their mailboxes and acknowledge; a
/// warm-up phase first, then the measured phase. Bounded: every wait has the settings' timeout.
/// </summary>
public sealed class MailboxWorkload(MailboxWorkloadSettings settings)
{
    /// <summary>Runs both phases and measures the second.</summary>
    public async Task<WorkloadResult> RunAsync(IMailboxSystem system, CancellationToken cancellationToken)
    {
        var producers = new List<IMailboxProducer>();
        var consumers = new List<IMailboxConsumer>();
        using var stopConsumers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consumerTasks = new List<Task>();
        try
        {
            for (var p = 0; p < settings.Producers; p++)
            {
                producers.Add(await system.CreateProducerAsync(p, cancellationToken));
            }

            var warmup = new DeliveryTracker(0, settings.WarmupMessages);
            var sink = new PhasedSink(warmup);
            for (var c = 0; c < settings.Consumers; c++)
            {
                var owned = Enumerable.Range(0, settings.Mailboxes).Where(m => m % settings.Consumers == c).ToArray();
                var consumer = await system.CreateConsumerAsync(c, owned, cancellationToken);
                consumers.Add(consumer);
                consumerTasks.Add(Task.Run(() => consumer.RunAsync(sink, stopConsumers.Token), CancellationToken.None));
            }

            if (settings.WarmupMessages > 0)
            {
                await RunPhaseAsync(producers, warmup, new Latencies(settings.WarmupMessages), 0, settings.WarmupMessages, consumerTasks, cancellationToken);
            }

            var measured = new DeliveryTracker(settings.WarmupMessages, settings.Messages);
            sink.Switch(measured);
            system.Server.ResetPeak();
            var sendLatency = new Latencies(settings.Messages);
            var serverCpu = system.Server.CpuSeconds;
            var serverWrites = system.Server.WrittenBytes;
            var clientCpu = Environment.CpuUsage.TotalTime.TotalSeconds;
            var clock = Stopwatch.StartNew();
            var failure = await RunPhaseAsync(producers, measured, sendLatency, settings.WarmupMessages, settings.Messages, consumerTasks, cancellationToken);
            clock.Stop();
            serverCpu = system.Server.CpuSeconds - serverCpu;
            serverWrites = system.Server.WrittenBytes - serverWrites;
            clientCpu = Environment.CpuUsage.TotalTime.TotalSeconds - clientCpu;

            var send = sendLatency.Percentiles(50, 99);
            var delivery = measured.DeliveryLatency.Percentiles(50, 99);
            return new WorkloadResult
            {
                System = system.Name,
                Configuration = settings.Label,
                Messages = settings.Messages,
                MessagesPerSecond = failure is null ? settings.Messages / clock.Elapsed.TotalSeconds : 0,
                SendP50Ms = send[0],
                SendP99Ms = send[1],
                DeliveryP50Ms = delivery[0],
                DeliveryP99Ms = delivery[1],
                PeakRssBytes = system.Server.PeakRssBytes,
                ServerCpuMsPerMessage = serverCpu * 1000 / settings.Messages,
                ClientCpuMsPerMessage = clientCpu * 1000 / settings.Messages,
                ServerWrittenKbPerMessage = serverWrites / 1024.0 / settings.Messages,
                Lost = settings.Messages - measured.Distinct,
                Repeated = measured.Repeated,
                Failure = failure,
            };
        }
        finally
        {
            await stopConsumers.CancelAsync();
            await Task.WhenAll(consumerTasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync();
            }

            foreach (var producer in producers)
            {
                await producer.DisposeAsync();
            }
        }
    }

    /// <summary>Sends messages [first, first + count) and waits for all their acknowledgements; returns a failure text or null.</summary>
    private async Task<string?> RunPhaseAsync(
        IReadOnlyList<IMailboxProducer> producers,
        DeliveryTracker tracker,
        Latencies sendLatency,
        long first,
        int count,
        IReadOnlyList<Task> consumerTasks,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var template = new byte[settings.BodyBytes];
        Random.Shared.NextBytes(template);
        long next = -1;

        async Task ProduceAsync(IMailboxProducer producer)
        {
            // One buffer per producer: a send completes before the buffer is stamped again.
            var body = (byte[])template.Clone();
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count)
                {
                    return;
                }

                var number = first + index;
                var started = MessageStamp.Write(body, number);
                await producer.SendAsync((int)(number % settings.Mailboxes), body, timeout.Token);
                sendLatency.Record(index, started);
            }
        }

        var sending = Task.WhenAll(producers.Select(p => Task.Run(() => ProduceAsync(p), CancellationToken.None)));
        try
        {
            await sending;
            var consumerFailed = Task.WhenAny(consumerTasks);
            var done = await Task.WhenAny(tracker.AllAcknowledged, consumerFailed, Task.Delay(Timeout.Infinite, timeout.Token));
            if (done == consumerFailed)
            {
                var failed = consumerTasks.First(t => t.IsCompleted);
                return failed.Exception?.GetBaseException().Message ?? "a consumer stopped before the phase completed";
            }

            await done;
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"timed out after {settings.Timeout.TotalSeconds:0} s: {tracker.Distinct} of {count} delivered, {tracker.AcknowledgedCount} acknowledged";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return exception.GetBaseException().Message;
        }
    }
}
