using System.Globalization;

namespace Skn.Reliability.Tests.CrashSafety;

/// <summary>
/// The crash run's size. CI uses the defaults (24 kills, about a minute); a long run sets
/// SKN_CRASH_KILLS (and optionally SKN_CRASH_SEED to replay a run, SKN_CRASH_MINUTES to bound it).
/// </summary>
public sealed record CrashSettings(int Kills, int Seed, TimeSpan TimeBudget, int MaxEventsBeforeKill)
{
    public static CrashSettings FromEnvironment()
    {
        var kills = Read("SKN_CRASH_KILLS") ?? 24;
        var seed = Read("SKN_CRASH_SEED") ?? Random.Shared.Next();
        var minutes = Read("SKN_CRASH_MINUTES") ?? Math.Max(3, kills / 8);
        return new CrashSettings(kills, seed, TimeSpan.FromMinutes(minutes), MaxEventsBeforeKill: 400);
    }

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
