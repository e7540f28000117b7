namespace Skn.Node.Hosting;

/// <summary>The system clock moved by a fixed offset: <see cref="NodeOptions.BenchmarkClockOffset"/>.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
