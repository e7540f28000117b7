using Skn.Node.Maintenance;

namespace Skn.Integration.Tests.Durability;

/// <summary>
/// The rename journal behind a restore, on real folders: undo puts every file back and removes the
/// folders it made; a file that cannot go back is named, and the others still go back.
/// </summary>
public sealed class FileMoveJournalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skn-journal-").FullName;

    [Fact]
    public void Undo_AfterMovesIntoNewFolders_PutsFilesBackAndRemovesTheFolders()
    {
        // Arrange: two files moved, one into a folder two levels deep that did not exist.
        var first = Write("first.txt", "1");
        var second = Write("second.txt", "2");
        var journal = new FileMoveJournal();
        journal.Move(first, Path.Combine(_root, "aside", "deep", "first.txt"));
        journal.Move(second, Path.Combine(_root, "second-moved.txt"));

        // Act
        journal.Undo();

        // Assert
        Assert.Equal("1", File.ReadAllText(first));
        Assert.Equal("2", File.ReadAllText(second));
        Assert.False(Directory.Exists(Path.Combine(_root, "aside")));
        Assert.False(File.Exists(Path.Combine(_root, "second-moved.txt")));
    }

    [Fact]
    public void Undo_OneFileCannotGoBack_NamesItAndPutsTheOthersBack()
    {
        // Arrange: after the moves, a new file takes the first one's old name.
        var first = Write("first.txt", "1");
        var second = Write("second.txt", "2");
        var journal = new FileMoveJournal();
        var firstMoved = Path.Combine(_root, "aside", "first.txt");
        journal.Move(first, firstMoved);
        journal.Move(second, Path.Combine(_root, "aside", "second.txt"));
        Write("first.txt", "someone else's");

        // Act
        var failure = Assert.Throws<IOException>(journal.Undo);

        // Assert: the stuck file is named with where it is now, and stays there (with its folder);
        // the other one is back, and the newcomer is untouched.
        Assert.Contains($"Not every file could be put back: '{first}' is at '{firstMoved}'", failure.Message, StringComparison.Ordinal);
        Assert.Equal("1", File.ReadAllText(firstMoved));
        Assert.Equal("2", File.ReadAllText(second));
        Assert.Equal("someone else's", File.ReadAllText(first));
    }

    [Fact]
    public void Flush_AfterMoves_Succeeds()
    {
        // Arrange
        var journal = new FileMoveJournal();
        journal.Move(Write("a.txt", "a"), Path.Combine(_root, "moved", "a.txt"));

        // Act
        var flush = Record.Exception(journal.Flush);

        // Assert
        Assert.Null(flush);
        Assert.Equal("a", File.ReadAllText(Path.Combine(_root, "moved", "a.txt")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string contents)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, contents);
        return path;
    }
}
