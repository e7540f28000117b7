using Skn.Reliability.Tests.CrashSafety;
using Xunit.Abstractions;

namespace Skn.Reliability.Tests.CrashSafety;

/// <summary>
/// Nothing is lost across SIGKILL: the node runs as its own process and is killed at random points
/// under concurrent sends, fetches and acknowledgements, then restarted on the same data folder.
/// CI runs 24 kills (about a minute); SKN_CRASH_KILLS=500 runs the long version (README, "Reliability tests").
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Node_KilledAtRandomPointsAndRestarted_LosesNothingAndRedeliversNoAcknowledgedEnvelope()
    {
        // Arrange
        var settings = CrashSettings.FromEnvironment();
        output.WriteLine($"Crash run: {settings.Kills} kills, seed {settings.Seed} (replay with SKN_CRASH_SEED={settings.Seed}), budget {settings.TimeBudget}.");
        var run = new CrashSafetyRun(settings, output.WriteLine);

        // Act
        await run.RunAsync();

        // Assert
        Assert.True(run.Ledger.Violations.Count == 0, $"Seed {settings.Seed}: {run.Ledger.Violations.Count} violations:\n" + string.Join('\n', run.Ledger.Violations.Take(30)));
        Assert.True(run.Kills >= Math.Min(settings.Kills, 20), $"Only {run.Kills} kills fit in the time budget of {settings.TimeBudget}.");
        Assert.True(run.Ledger.RetriedSends > 0, "No send was ever retried: the run did not test idempotent retries.");
        Assert.True(run.Ledger.Acknowledged.Count > 0, "Nothing was acknowledged: the run did not test acknowledgement.");
        Assert.Equal(run.Ledger.ConfirmedMessageIds.Count, run.Ledger.Sends.Count());
    }
}
