using System.Text;
using Skn.Shared;

namespace Skn.Certificates.Internal;

/// <summary>
/// Writes files atomically and durably: to a temporary file in the same folder, flushed, renamed over
/// the target, and the folder flushed, so that after a power cut the name leads to the whole new file
/// or the whole old one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Owner read/write only (0600), for private keys.</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/>. Readers see either the old or the new file, never a
    /// partial one. With <paramref name="privateFile"/> the file is created with mode 0600 on Unix, so the key is never
    /// readable by others, not even for a moment.
    /// </summary>
    public static void WriteAllText(string path, string contents, bool privateFile)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        Directory.CreateDirectory(directory);

        var tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (privateFile && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateMode;
        }

        try
        {
            using (var stream = new FileStream(tempPath, options))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (privateFile && !OperatingSystem.IsWindows())
            {
                // The umask can only remove bits from the create mode; set it explicitly so the result is exactly 0600.
                File.SetUnixFileMode(tempPath, PrivateMode);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        // The rename is only durable once the folder's entry for it is: without this, a power cut
        // could leave a newly generated key's bytes on disk with no name to find them by.
        DirectoryFlush.Flush(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
