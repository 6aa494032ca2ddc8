using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Infrastructure;

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

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path);
            if ((mode & Others) != 0)
            {
                throw new CliException(
                    $"sfbulk will not read {Path}: other users can access it (mode {Octal(mode)}) and it may hold secrets. Make it private with 'chmod 600 {Path}' (and check that no secret leaked).",
                    ExitCodes.ConnectionNotFound);
            }
        }

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(Path), ConnectionFileJson.Default.ConnectionFile) ?? new ConnectionFile();
            file.Connections = new Dictionary<string, StoredConnection>(file.Connections ?? [], StringComparer.OrdinalIgnoreCase);
            return file;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"{Path} could not be read: {e.Message} Fix or delete the file, then add the connections again.", ExitCodes.ConnectionNotFound, e);
        }
    }

    /// <summary>Writes the file owner-only, replacing it atomically.</summary>
    public void Save(ConnectionFile file)
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

        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, ConnectionFileJson.Default.ConnectionFile);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, OwnerOnly);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
