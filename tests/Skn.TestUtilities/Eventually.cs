namespace Skn.TestUtilities;

/// <summary>
/// Waits for background work the test cannot await directly (a stream reaching its first query, a
/// sweep after the clock moved). Bounded: a condition that never holds fails the test, never hangs it.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Demo.Timeout);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T>> get, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Demo.Timeout);
        while (true)
        {
            var value = await get();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The value did not reach the expected state in time.");
            await Task.Delay(50);
        }
    }
}
