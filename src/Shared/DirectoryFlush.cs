using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Skn.Shared;

/// <summary>
/// Flushes a folder's entries to disk. A file written durably and renamed into place (or newly
/// created) is safe only once the folder that names it is flushed too: until then a power cut can
/// bring back the old name, or no name at all, while the file's bytes sit on disk unreachable.
/// </summary>
/// <remarks>
/// .NET cannot do this itself on Linux: <see cref="File.OpenHandle"/> refuses a folder (access
/// denied), so there is no handle for <see cref="FileStream.Flush(bool)"/>. libc's <c>open</c> with
/// <c>O_RDONLY</c> and <c>fsync</c> on that descriptor is what Linux documents (fsync(2): "Calling
/// fsync() does not necessarily ensure that the entry in the directory containing the file has also
/// reached disk. For that an explicit fsync() on a file descriptor for the directory is also needed").
/// Elsewhere it does nothing: the node runs on Linux, and Windows' NTFS journals renames itself.
/// </remarks>
internal static class DirectoryFlush
{
    // Same values on x86-64 and arm64 Linux.
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    // errno values meaning "this file system keeps no folder to flush" (some FUSE and network
    // file systems): nothing more can be done there, and the rename itself did succeed.
    private const int InvalidArgument = 22;
    private const int NotSupported = 95;
    private const int NoSuchFile = 2;

    /// <summary>Flushes <paramref name="directory"/>'s entries (names, renames, new files) to disk.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The folder could not be opened or flushed; the message has the system's reason.</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == NoSuchFile
                ? new DirectoryNotFoundException($"Folder '{directory}' does not exist.")
                : new IOException($"Cannot open folder '{directory}' to flush it to disk: {new Win32Exception(error).Message}.", error);
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error is not (InvalidArgument or NotSupported))
                {
                    throw new IOException($"Cannot flush folder '{directory}' to disk: {new Win32Exception(error).Message}.", error);
                }
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
