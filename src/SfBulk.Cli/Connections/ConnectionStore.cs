using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;
using SfBulk.Connection;

namespace SfBulk.Cli.Connections;

/// <summary>
/// Reads and writes the per-user <c>connections.json</c>: <c>$SFBULK_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/sfbulk/connections.json</c>, else <c>~/.config/sfbulk/connections.json</c>. The file is written
/// owner-only (0600, directory 0700) and refused on read when group or other users can read or write it.
/// </summary>
internal sealed class ConnectionStore(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    /// <summary>The store at the configured location.</summary>
    public static ConnectionStore Default() => new(DefaultPath(Environment.GetEnvironmentVariable));

    /// <summary>The configured location of the file.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        if (environment("SFBULK_CONFIG") is { Length: > 0 } explicitPath)
        {
            return System.IO.Path.GetFullPath(explicitPath);
        }

        var root = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(root, "sfbulk", "connections.json");
    }

    /// <summary>Reads the file; an absent file is an empty configuration.</summary>
    /// <exception cref="CliException">The file is readable by others, or is not valid.</exception>
    public ConnectionFile Load()
    {
        if (Directory.Exists(Path))
        {
            throw new CliException($"{Path} is a directory, not a connections file. Remove it or point SFBULK_CONFIG at a file.", ExitCodes.ConnectionNotFound);
        }

        if (!File.Exists(Path))
        {
            return new ConnectionFile();
        }

        RequirePrivate(Path, "it may hold secrets");

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(Path), ConnectionFileJson.Default.ConnectionFile) ?? new ConnectionFile();
            file.Connections = new Dictionary<string, SalesforceConnectionSettings>(file.Connections ?? [], StringComparer.OrdinalIgnoreCase);
            return file;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"{Path} could not be read: {e.Message} Fix or delete the file, then add the connections again.", ExitCodes.ConnectionNotFound, e);
        }
    }

    /// <summary>How long a writer waits for another one to finish.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Takes the exclusive write lock of the file (a lock file beside it): hold it from <see cref="Load"/> to
    /// <see cref="Save"/>, so that two commands changing the file at the same time both land.
    /// </summary>
    /// <exception cref="CliException">Another sfbulk kept the lock for longer than 30 seconds.</exception>
    public IDisposable Lock()
    {
        CreateDirectory();
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var started = Environment.TickCount64;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", options);
            }
            catch (IOException) when (Environment.TickCount64 - started < LockTimeout.TotalMilliseconds)
            {
                Thread.Sleep(Random.Shared.Next(20, 60));
            }
            catch (IOException e)
            {
                throw new CliException($"{Path} is being changed by another sfbulk (its lock file {Path}.lock stayed locked for {LockTimeout.TotalSeconds:0} seconds). Try again when it has finished.", ExitCodes.ConnectionNotFound, e);
            }
        }
    }

    /// <summary>
    /// Writes the file in the current form (<see cref="ConnectionFile.CurrentVersion"/>, credential kinds spelled as
    /// in <see cref="CredentialKinds.All"/>) owner-only, replacing it atomically: the content goes to a new temporary file created
    /// exclusively (never an existing file or a symbolic link) with mode 0600 from its creation, is flushed to disk,
    /// then renamed over the file (a symbolic link there is replaced, not followed) and the directory is flushed.
    /// </summary>
    public void Save(ConnectionFile file)
    {
        file.Version = ConnectionFile.CurrentVersion;
        foreach (var profile in file.Connections.Values)
        {
            profile.Credential = CredentialKinds.Normalize(profile.Credential) ?? profile.Credential;
        }

        var directory = CreateDirectory();
        var temporary = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, file, ConnectionFileJson.Default.ConnectionFile);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(directory);
    }

    private string CreateDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    /// <summary>
    /// Refuses a file that group or other users can access (Unix), with the <c>chmod 600</c> hint: the connections
    /// file, and a JWT key file named by a connection.
    /// </summary>
    /// <param name="path">The file; an absent file passes (reading it reports that).</param>
    /// <param name="why">Why it must be private, e.g. "it may hold secrets".</param>
    /// <exception cref="CliException">Other users can access the file.</exception>
    public static void RequirePrivate(string path, string why)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            throw new CliException(
                $"sfbulk will not read {path}: other users can access it (mode {Octal(mode)}) and {why}. Make it private with 'chmod 600 {path}' (and check that no secret leaked).",
                ExitCodes.ConnectionNotFound);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
