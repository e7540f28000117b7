using Microsoft.Extensions.Time.Testing;

namespace Skn.TestUtilities;

/// <summary>
/// Moves a test's fake clock along with real time, for tests about real-time network behaviour
/// (heartbeats on idle streams, keepalive) on a node whose timers run on the fake clock. Leases,
/// terms and expiry move too, by the few seconds such a test lasts.
/// </summary>
public sealed class RunningClock : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RunningClock(FakeTimeProvider time, TimeSpan step) => _running = RunAsync(time, step, _stop.Token);

    /// <summary>Advances <paramref name="time"/> by <paramref name="step"/> every <paramref name="step"/> of real time until disposed.</summary>
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
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            time.Advance(step);
        }
    }
}
