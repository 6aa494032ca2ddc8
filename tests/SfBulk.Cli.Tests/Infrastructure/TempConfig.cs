namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>A private config file location for one test (<c>SFBULK_CONFIG</c>), deleted afterwards.</summary>
public sealed class TempConfig : IDisposable
{
    public TempConfig()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sfbulk-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "config", "connections.json");
    }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>The environment that points sfbulk at this config (plus <paramref name="more"/>).</summary>
    public Dictionary<string, string?> Env(params (string Name, string? Value)[] more)
    {
        var env = new Dictionary<string, string?> { ["SFBULK_CONFIG"] = FilePath };
        foreach (var (name, value) in more)
        {
            env[name] = value;
        }

        return env;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
