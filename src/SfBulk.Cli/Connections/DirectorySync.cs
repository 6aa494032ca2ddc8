using System.Runtime.InteropServices;

namespace SfBulk.Cli.Connections;

/// <summary>
/// Flushes a directory's entries to disk (<c>fsync</c> on the directory), so that a file renamed into it survives a
/// crash. Unix only: Windows commits a rename with the file system's own journal.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes <paramref name="directory"/>; returns false when the system refused (the rename itself is done).</summary>
    public static bool Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return Fsync(fd) == 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
