namespace Skn.Certificates.Tests.Support;

/// <summary>A clock that stands still at <see cref="Now"/> until a test moves it.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
