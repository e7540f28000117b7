using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Skn.TestUtilities;

/// <summary>
/// Moves a test's fake clock along with real time, for tests about real-time network behaviour
/// (heartbeats on idle streams, keepalive) on a node whose timers run on the fake clock. Leases,
/// terms and expiry move too, by the few seconds such a test lasts.
/// </summary>
/// <remarks>
/// Each tick advances the fake clock by the real time measured since the last one, not by a fixed
/// step: on a loaded machine timer ticks arrive late or are coalesced, and a clock that counted ticks
/// would fall behind the real-time watchdogs on the other end of the connection.
/// </remarks>
public sealed class RunningClock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RunningClock(FakeTimeProvider time, TimeSpan step) => _running = RunAsync(time, step, _stop.Token);

    /// <summary>Keeps <paramref name="time"/> in step with real time, checked every <paramref name="step"/>, until disposed.</summary>
    public static RunningClock Start(FakeTimeProvider time, TimeSpan? step = null) => new(time, step ?? TimeSpan.FromMilliseconds(100));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task RunAsync(FakeTimeProvider time, TimeSpan step, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(step);
        var elapsed = Stopwatch.StartNew();
        var advanced = TimeSpan.Zero;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = elapsed.Elapsed;
            time.Advance(now - advanced);
            advanced = now;
        }
    }
}
