namespace Skn.Store.Tests.Infrastructure;

/// <summary>Every await in these tests is bounded, so a hang fails the test instead of the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Within(this Task task) => task.WaitAsync(Timeout);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Timeout);

    /// <summary>Polls a condition every 20 ms until it holds (true) or the timeout passes (false).</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Waits for an event on the test thread, failing after the timeout.</summary>
    public static void Wait(ManualResetEventSlim signal, string what) =>
        Assert.True(signal.Wait(Timeout), $"Timed out waiting for {what}.");
}
