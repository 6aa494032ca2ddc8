using SfBulk.Journal;

namespace SfBulk.Journal;

/// <summary>
/// A journal kept as a JSON Lines file (one entry per line), safe to share between processes: each append takes an
/// exclusive lock on <c>&lt;file&gt;.lock</c>, finishes a torn last line left by a crash, writes the whole line in one
/// write and flushes it to disk before returning. The file and its folder are created owner-only (0600/0700).
/// When the file reaches <see cref="MaxBytes"/> it is renamed to <c>&lt;name&gt;.1.jsonl</c> (replacing the previous one)
/// and a new file is started; <see cref="Read"/> reads both.
/// </summary>
public sealed class JsonLinesJobJournal : IJobJournal
{
    /// <summary>The default size at which the file is rotated: 10 MiB (about 30,000 entries).</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>Creates a journal appending to <paramref name="path"/>; nothing is touched until the first append.</summary>
    /// <param name="path">The journal file, e.g. <c>~/.local/state/sfbulk/journal.jsonl</c>.</param>
    /// <param name="maxBytes">The size at which the file is rotated.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is below 1 KiB.</exception>
    public JsonLinesJobJournal(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        Path = System.IO.Path.GetFullPath(path);
        MaxBytes = maxBytes;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The file that holds the entries before the last rotation.</summary>
    public string RotatedPath => RotatedPathOf(Path);

    /// <summary>The size at which the file is rotated.</summary>
    public long MaxBytes { get; }

    /// <summary>Called when an entry could not be written (the change itself was made); null ignores such failures.</summary>
    public Action<JobJournalEntry, Exception>? WriteFailed { get; init; }

    /// <inheritdoc />
    public async ValueTask AppendAsync(JobJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await Task.Run(() => Append(entry), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            WriteFailed?.Invoke(entry, e);
        }
    }

    /// <summary>Appends <paramref name="entry"/> now, on the calling thread.</summary>
    /// <param name="entry">The change.</param>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="TimeoutException">Another process held the lock for more than 30 seconds.</exception>
    public void Append(JobJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder))
        {
            CreateFolder(folder);
        }

        using var gate = Lock(Path + ".lock");
        var file = Open(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        try
        {
            if (file.Length >= MaxBytes)
            {
                file.Dispose();
                File.Move(Path, RotatedPath, overwrite: true);
                file = Open(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            }

            var tornTail = false;
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                tornTail = file.ReadByte() != '\n';
            }

            var line = JobJournalJson.ToLine(entry, newlineFirst: tornTail);
            file.Seek(0, SeekOrigin.End);
            file.Write(line);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            file.Dispose();
        }
    }

    /// <summary>
    /// Reads every whole entry of the journal at <paramref name="path"/> (the rotated file first), oldest first. Lines
    /// that are not whole entries (a write torn by a crash, or one still being written) are skipped and reported to
    /// <paramref name="warn"/>. A journal that does not exist reads as empty.
    /// </summary>
    /// <param name="path">The journal file.</param>
    /// <param name="warn">Receives one message per skipped line; null ignores them.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static IReadOnlyList<JobJournalEntry> Read(string path, Action<string>? warn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var entries = new List<JobJournalEntry>();
        foreach (var file in (string[])[RotatedPathOf(path), path])
        {
            if (!File.Exists(file))
            {
                continue;
            }

            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            var number = 0;
            var rest = bytes.AsSpan();
            while (!rest.IsEmpty)
            {
                number++;
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (line.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }

                if (end >= 0 && JobJournalJson.TryParse(line) is { } entry)
                {
                    entries.Add(entry);
                }
                else
                {
                    warn?.Invoke(end < 0
                        ? $"{file}: line {number} is incomplete (a write cut short, or one in progress) and was skipped."
                        : $"{file}: line {number} is not a whole journal entry (a write cut short by a crash?) and was skipped.");
                }
            }
        }

        return entries;
    }

    /// <summary>Writes <paramref name="entry"/> as the JSON object a journal line holds (for tools that show entries).</summary>
    /// <param name="json">The writer.</param>
    /// <param name="entry">The entry.</param>
    public static void WriteEntry(System.Text.Json.Utf8JsonWriter json, JobJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(entry);
        JobJournalJson.Write(json, entry);
    }

    private static string RotatedPathOf(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, System.IO.Path.GetFileNameWithoutExtension(path) + ".1" + System.IO.Path.GetExtension(path));

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share = FileShare.ReadWrite | FileShare.Delete)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>Takes the exclusive lock (an advisory lock the OS drops when the process dies), waiting up to 30 s.</summary>
    private static FileStream Lock(string lockPath)
    {
        var started = Environment.TickCount64;
        var pause = 1;
        while (true)
        {
            try
            {
                return Open(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(lockPath) && Environment.TickCount64 - started < LockWait.TotalMilliseconds)
            {
                Thread.Sleep(pause);
                pause = Math.Min(pause * 2, 20);
            }
            catch (IOException e) when (File.Exists(lockPath))
            {
                throw new TimeoutException($"The journal lock {lockPath} was held by another process for more than {LockWait.TotalSeconds:0} s.", e);
            }
        }
    }
}
