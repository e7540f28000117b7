using Skn.Shared;

namespace Skn.Integration.Tests.Durability;

/// <summary>
/// The folder flush behind the registry editor's rename and the audit log's creation, on real
/// folders. What no test here can show is the point of it: that the entry survives a power cut.
/// </summary>
public sealed class DirectoryFlushTests
{
    [Fact]
    public void Flush_FolderWithRenamedFile_Succeeds()
    {
        // Arrange: a rename, as the registry editor makes it.
        var folder = Directory.CreateTempSubdirectory("skn-flush-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "new.tmp"), "{}");
            File.Move(Path.Combine(folder, "new.tmp"), Path.Combine(folder, "participants.json"));

            // Act
            var flush = Record.Exception(() => DirectoryFlush.Flush(folder));

            // Assert
            Assert.Null(flush);
            Assert.True(File.Exists(Path.Combine(folder, "participants.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Flush_MissingFolder_DirectoryNotFound()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), $"skn-missing-{Guid.NewGuid():N}");

        // Act and assert: on Linux the folder is really opened, so a missing one is an error, not a silent no-op.
        if (OperatingSystem.IsLinux())
        {
            Assert.Throws<DirectoryNotFoundException>(() => DirectoryFlush.Flush(missing));
        }
        else
        {
            DirectoryFlush.Flush(missing);
            Assert.False(Directory.Exists(missing));
        }
    }
}
