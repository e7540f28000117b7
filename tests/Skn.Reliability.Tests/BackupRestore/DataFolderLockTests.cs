using Skn.Reliability.Tests.Infrastructure;

namespace Skn.Reliability.Tests.BackupRestore;

/// <summary>
/// One node per data folder: a running node holds skn-node.lock, so a restore into its folder and a
/// second node on it are refused with a message that says why, and nothing in the folder changes.
/// </summary>
public sealed class DataFolderLockTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "skn-lock-" + Guid.NewGuid().ToString("N"));
    private NodeProcess _node = null!;

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync() => _node = await NodeProcess.StartListeningAsync(DataDirectory, FreePort.Next());

    [Fact]
    public async Task Restore_WhileNodeRunsOnFolder_RefusedAndFolderUnchanged()
    {
        // Arrange: a good backup of the running node's folder.
        var backupFile = Path.Combine(_root, "skn.tar.gz");
        var backup = await NodeVerb.RunAsync("backup", "--to", backupFile, $"--Skn:DataDirectory={DataDirectory}");
        Assert.True(backup.ExitCode == 0, backup.ToString());
        var before = Directory.GetFileSystemEntries(DataDirectory).Order(StringComparer.Ordinal).ToList();

        // Act
        var restore = await NodeVerb.RunAsync("restore", "--from", backupFile, $"--Skn:DataDirectory={DataDirectory}");

        // Assert: refused, saying the folder is in use; nothing set aside, nothing replaced, the node serves on.
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("restore failed: the data folder", restore.Error, StringComparison.Ordinal);
        Assert.Contains("is in use", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(DataDirectory).Order(StringComparer.Ordinal).ToList());
        Assert.False(_node.HasExited);
    }

    [Fact]
    public async Task Start_SecondNodeOnHeldFolder_RefusesWithClearMessage()
    {
        // Act: a second node on the same folder, on another port.
        await using var second = await NodeProcess.StartAsync(DataDirectory, FreePort.Next());
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => second.Output.Contains("The node cannot start", StringComparison.Ordinal));

        // Assert: it stops at once with one line naming the folder and the lock; the first serves on.
        Assert.Equal(1, exitCode);
        Assert.Contains($"The node cannot start: the data folder '{Path.GetFullPath(DataDirectory)}' is in use", second.Output, StringComparison.Ordinal);
        Assert.Contains("skn-node.lock", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Skn node listening on", second.Output, StringComparison.Ordinal);
        Assert.False(_node.HasExited);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
