using System.Diagnostics;
using System.Runtime.Versioning;
using Skn.Reliability.Tests.Infrastructure;

namespace Skn.Reliability.Tests.Startup;

/// <summary>
/// The systemd units in src/Skn.Node/deploy pass <c>systemd-analyze verify</c> (systemd is installed
/// by tests/tools/install.sh): directives, sections, the commands they run and the units they name.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private const string InstallFolder = "/opt/skn";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "skn-units-" + Guid.NewGuid().ToString("N"));

    // systemd and its units exist only on Linux.
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Verify_NodeBackupServiceAndTimer_NoFindings()
    {
        // Arrange: the units as shipped, with the install folder moved into a temp folder that holds
        // an executable Skn.Node, because verify checks that ExecStart's program exists.
        var deploy = Path.Combine(RepositoryRoot.Find(), "src", "Skn.Node", "deploy");
        var install = Path.Combine(_root, "opt", "skn");
        Directory.CreateDirectory(install);
        var binary = Path.Combine(install, "Skn.Node");
        await File.WriteAllTextAsync(binary, "#!/bin/sh\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var units = new List<string>();
        foreach (var name in new[] { "skn-node.service", "skn-backup.service", "skn-backup.timer" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(deploy, name));
            if (name.EndsWith(".service", StringComparison.Ordinal))
            {
                Assert.Contains(InstallFolder + "/Skn.Node", text, StringComparison.Ordinal);
            }

            var unit = Path.Combine(_root, name);
            await File.WriteAllTextAsync(unit, text.Replace(InstallFolder, install, StringComparison.Ordinal));
            units.Add(unit);
        }

        // Act
        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        start.ArgumentList.Add("verify");
        units.ForEach(start.ArgumentList.Add);
        using var verify = Process.Start(start)!;
        var output = verify.StandardOutput.ReadToEndAsync();
        var error = verify.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await verify.WaitForExitAsync(timeout.Token);

        // Assert: no finding at all (verify prints one line per problem).
        Assert.True(verify.ExitCode == 0, $"systemd-analyze verify exited with {verify.ExitCode}:\n{await output}{await error}");
        Assert.Equal("", (await output + await error).Trim());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
