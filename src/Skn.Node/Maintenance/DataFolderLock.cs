using System.Globalization;

namespace Skn.Node.Maintenance;

/// <summary>
/// An exclusive OS file lock on <c>skn-node.lock</c> in the data folder, held by a running node for
/// its whole life and by a restore while it replaces files. A second node on the same folder would
/// share the database with the first (two writers, two lease tables, two sweepers), and a restore
/// under a running node would swap the file under its open connections; both are refused.
/// </summary>
/// <remarks>
/// .NET takes the lock with <c>flock(LOCK_EX)</c> on Linux and a share-none handle on Windows for a
/// file opened with <see cref="FileShare.None"/>, so the kernel releases it when the process dies,
/// even by SIGKILL: a crashed node never leaves a stale lock behind. The file itself stays; it only
/// holds the process id of the last holder, for the operator's eyes.
/// </remarks>
public sealed class DataFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = "skn-node.lock";

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file's full path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock, creating the data folder when it does not exist yet.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <param name="holder">What takes it, for the message another process gets ("a node", "a restore").</param>
    /// <exception cref="DataFolderInUseException">Another process holds the lock.</exception>
    public static DataFolderLock Acquire(string dataDirectory, string holder)
    {
        var folder = System.IO.Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new DataFolderInUseException(
                $"the data folder '{folder}' is in use: another process (a running node, or a restore) holds {FileName}. " +
                $"Stop it first; only one node may serve a data folder.",
                exception);
        }

        try
        {
            stream.SetLength(0);
            var text = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {holder} {DateTimeOffset.UtcNow:O}\n");
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            stream.Flush();
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new DataFolderLock(stream, path);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}

/// <summary>Another process holds the data folder's lock; the message says what to do.</summary>
public sealed class DataFolderInUseException(string message, Exception innerException) : IOException(message, innerException);
