using Skn.Shared;

namespace Skn.Node.Maintenance;

/// <summary>
/// Renames files and remembers each rename, so that a failure part-way through a series of them
/// (a restore's set-aside and put-in-place) can be undone, and a success can be made durable.
/// A restore that stopped half-way would leave a data folder that is neither the old node nor the
/// backup: the old database set aside, say, beside the backup's registry.
/// </summary>
internal sealed class FileMoveJournal
{
    private readonly List<(string From, string To)> _moves = [];
    private readonly List<string> _createdFolders = [];

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, creating <paramref name="to"/>'s folder if needed.</summary>
    public void Move(string from, string to)
    {
        CreateFolder(Path.GetDirectoryName(to)!);
        File.Move(from, to);
        _moves.Add((from, to));
    }

    /// <summary>
    /// Puts every file back where it was, the last rename first, and removes the folders the
    /// journal created (once they are empty again).
    /// </summary>
    /// <exception cref="IOException">Some file could not be put back; the message lists each one and where it is now.</exception>
    public void Undo()
    {
        var stuck = new List<string>();
        for (var i = _moves.Count - 1; i >= 0; i--)
        {
            var (from, to) = _moves[i];
            try
            {
                File.Move(to, from);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                stuck.Add($"'{from}' is at '{to}' ({exception.Message})");
            }
        }

        _moves.Clear();
        for (var i = _createdFolders.Count - 1; i >= 0; i--)
        {
            if (Directory.Exists(_createdFolders[i]) && !Directory.EnumerateFileSystemEntries(_createdFolders[i]).Any())
            {
                Directory.Delete(_createdFolders[i]);
            }
        }

        if (stuck.Count > 0)
        {
            throw new IOException($"Not every file could be put back: {string.Join("; ", stuck)}.");
        }
    }

    /// <summary>
    /// Flushes every folder a rename added a name to or took one from, so that the renames survive
    /// a power cut: a renamed file is only as durable as the folder entries that name it.
    /// </summary>
    public void Flush()
    {
        var folders = _moves.SelectMany(m => new[] { Path.GetDirectoryName(m.From)!, Path.GetDirectoryName(m.To)! })
            .Concat(_createdFolders.Select(f => Path.GetDirectoryName(f)!))
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            DirectoryFlush.Flush(folder);
        }
    }

    /// <summary>Creates <paramref name="folder"/> and its missing parents, recording each, outermost first.</summary>
    private void CreateFolder(string folder)
    {
        var missing = new Stack<string>();
        for (var current = folder; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var next))
        {
            Directory.CreateDirectory(next);
            _createdFolders.Add(next);
        }
    }
}
