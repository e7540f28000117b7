using System.Diagnostics;
using Grpc.Core;
using Skn.Bench.Harness;
using Skn.Bench.Workload;

namespace Skn.Bench.Soak;

/// <summary>
/// Producers sending at a steady rate: message k is due at start + k / rate, taken by whichever
/// producer is free (each has one send in flight). A producer that is early waits for the due time,
/// so the load is paced rather than bursty; one that is late sends at once and the lag is counted.
/// Message k goes to mailbox k mod streams, so every stream gets the same share.
/// </summary>
internal sealed class PacedSenders(IReadOnlyList<IMailboxProducer> producers, SoakSink sink, SoakSettings settings)
{
    private long _next = -1;
    private long _maxLagTicks;

    /// <summary>The longest a send started after its due time, in milliseconds.</summary>
    public double MaxLagMs => Interlocked.Read(ref _maxLagTicks) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Sends until <see cref="SoakSettings.Duration"/> has passed since <paramref name="start"/>.</summary>
    public Task RunAsync(long start, CancellationToken cancellationToken)
    {
        var ticksPerMessage = (double)Stopwatch.Frequency / settings.Rate;
        var end = start + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(producers.Select(p => Task.Run(() => SendLoopAsync(p, start, end, ticksPerMessage, cancellationToken), CancellationToken.None)));
    }

    private async Task SendLoopAsync(IMailboxProducer producer, long start, long end, double ticksPerMessage, CancellationToken cancellationToken)
    {
        var body = new byte[2_048];
        Random.Shared.NextBytes(body);
        while (!cancellationToken.IsCancellationRequested)
        {
            var number = Interlocked.Increment(ref _next);
            var due = start + (long)(number * ticksPerMessage);
            if (due >= end || number >= settings.Capacity)
            {
                return;
            }

            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
            }

            var started = MessageStamp.Write(body, number);
            var lag = started - due;
            long seen;
            while (lag > (seen = Interlocked.Read(ref _maxLagTicks)) && Interlocked.CompareExchange(ref _maxLagTicks, lag, seen) != seen)
            {
            }

            try
            {
                await producer.SendAsync((int)(number % settings.Streams), body, cancellationToken);
                sink.SendSucceeded(number, started);
            }
            catch (RpcException) when (!cancellationToken.IsCancellationRequested)
            {
                // Counted and reported; the soak goes on, as a counsellor's system would.
                sink.SendFailed();
            }
        }
    }
}
