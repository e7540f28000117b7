using System.Globalization;
using System.Runtime.InteropServices;

namespace Skn.Bench.Reporting;

/// <summary>One line about the machine a run was measured on, for the report's heading.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal");
        var gib = memory is null ? "?" : (long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores ({cpu}), {gib} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
