using System.Runtime.Versioning;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Security;

/// <summary>Writes of the connections file: under a lock, through an exclusive owner-only temporary file.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ConnectionFileWriteTests
{
    private static Task<CliResult> AddAsync(TempConfig config, string name) =>
        CliProcess.RunAsync(
            ["connection", "add", name, "--login-url", "https://example.my.salesforce.com", "--credential", "soap", "--username", name + "@example.com", "--password", "-"],
            config.Env(),
            stdin: Canaries.Password + "\n");

    [Fact]
    public async Task ConnectionAdd_SixAtOnce_AllLand()
    {
        using var config = new TempConfig();
        var names = Enumerable.Range(1, 6).Select(i => "org" + i).ToList();

        var results = await Task.WhenAll(names.Select(n => AddAsync(config, n)));

        Assert.All(results, r => CliAssert.ExitCode(0, r));
        var text = await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken);
        Assert.All(names, n => Assert.Contains($"\"{n}\"", text, StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.FilePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(config.FilePath)!, "*.tmp"));
    }

    [Fact]
    public async Task ConnectionAdd_SymbolicLinksPlanted_SecretsNotWrittenThroughThem()
    {
        using var config = new TempConfig();
        var directory = Path.GetDirectoryName(config.FilePath)!;
        Directory.CreateDirectory(directory);
        var target = Path.Combine(config.Directory, "elsewhere.txt");
        File.WriteAllText(target, "untouched");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.CreateSymbolicLink(config.FilePath + ".tmp", target);

        var result = await AddAsync(config, "org");

        CliAssert.ExitCode(0, result);
        Assert.Equal("untouched", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        Assert.False(new FileInfo(config.FilePath).Attributes.HasFlag(FileAttributes.ReparsePoint));
        Assert.Contains(Canaries.Password, await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
