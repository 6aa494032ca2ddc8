using System.Net;
using SfBulk.Authentication;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Authentication;

/// <summary>Runs a fake <c>sf</c> script placed first on PATH.</summary>
public sealed class SalesforceCliCredentialTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sfbulk-fake-sf-" + Guid.NewGuid().ToString("N"));
    private readonly string? _originalPath = Environment.GetEnvironmentVariable("PATH");

    public SalesforceCliCredentialTests()
    {
        Directory.CreateDirectory(_directory);
        Environment.SetEnvironmentVariable("PATH", _directory + Path.PathSeparator + _originalPath);
    }

    private void WriteFakeSf(string script)
    {
        var path = Path.Combine(_directory, "sf");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task ConnectAsync_KnownAlias_UsesTokenAndInstanceUrlFromCli()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The fake sf is a shell script.");
        await using var emulator = await TestEmulator.StartAsync();
        var token = await SessionRefreshTests.LoginAsync(emulator);
        WriteFakeSf($$"""
            if [ "$1 $2 $3 $4 $5" = "org display --json --target-org=dev " ]; then
              echo '{"status":0,"result":{"id":"00D","accessToken":"{{token}}","instanceUrl":"{{emulator.BaseUri.ToString().TrimEnd('/')}}","username":"admin@sfbulk.test"},"warnings":[]}'
              exit 0
            fi
            echo "unexpected arguments: $*" >&2
            exit 9
            """);
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(new SalesforceCliCredential("dev")));

        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(connection.CanRefreshSession);
    }

    [Fact]
    public async Task ConnectAsync_UnknownAlias_ThrowsWithCliErrorNameAndLoginHint()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The fake sf is a shell script.");
        WriteFakeSf("""
            echo '{"name":"NamedOrgNotFoundError","message":"No authorization information found for nope.","exitCode":1,"status":1}'
            exit 1
            """);
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions { Credential = new SalesforceCliCredential("nope") });

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("NamedOrgNotFoundError", ex.ErrorCode);
        Assert.Contains("sf org login web --alias nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_CliMissing_ThrowsSfCliNotFound()
    {
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Credential = new SalesforceCliCredential("dev", Path.Combine(_directory, "no-such-sf")),
        });

        var ex = await Assert.ThrowsAsync<SalesforceLoginException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Equal("SF_CLI_NOT_FOUND", ex.ErrorCode);
        Assert.Contains("installed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--json")]
    [InlineData("dev&calc")]
    [InlineData("dev|more")]
    [InlineData("dev;rm")]
    [InlineData("$(id)")]
    [InlineData("dev alias")]
    [InlineData("dev\"x")]
    [InlineData("%PATH%")]
    [InlineData("dev\nx")]
    public void Constructor_AliasLeadingDashOrShellMetacharacter_Throws(string alias)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SalesforceCliCredential(alias));

        Assert.Equal("alias", ex.ParamName);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("ops@mycompany.com.uat")]
    [InlineData("my-org_2")]
    public void Constructor_UsualAliasOrUserName_Accepted(string alias) =>
        Assert.Equal(alias, new SalesforceCliCredential(alias).Alias);

    [Fact]
    public async Task ConnectAsync_ChildProcess_DoesNotInheritSfbulkVariables()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The fake sf is a shell script.");
        await using var emulator = await TestEmulator.StartAsync();
        var token = await SessionRefreshTests.LoginAsync(emulator);
        var variable = "SFBULK_TEST_CANARY_" + Guid.NewGuid().ToString("N");
        WriteFakeSf($$$"""
            if env | grep -q '^SFBULK_'; then
              echo '{"name":"Leaked","message":"an SFBULK_ variable reached the CLI","status":1}'
              exit 1
            fi
            echo '{"status":0,"result":{"accessToken":"{{{token}}}","instanceUrl":"{{{emulator.BaseUri.ToString().TrimEnd('/')}}}"}}'
            """);
        Environment.SetEnvironmentVariable(variable, "00Dcanary!AQsecret");
        try
        {
            using var connection = new SalesforceConnection(emulator.ConnectionOptions(new SalesforceCliCredential("dev")));

            Assert.Equal(emulator.BaseUri, await connection.ConnectAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void ResolveExecutable_WindowsBareName_FindsCmdOnPath()
    {
        var cmd = Path.Combine(_directory, "sf.cmd");
        File.WriteAllText(cmd, "@echo off\r\n");
        var environment = new Dictionary<string, string?> { ["PATH"] = _directory, ["PATHEXT"] = ".COM;.EXE;.BAT;.CMD" };

        Assert.Equal(cmd, SalesforceCliCredential.ResolveExecutable("sf", windows: true, n => environment.GetValueOrDefault(n)));
        Assert.Equal("sf", SalesforceCliCredential.ResolveExecutable("sf", windows: false, n => environment.GetValueOrDefault(n)));
        Assert.Equal("C:\\tools\\sf.exe", SalesforceCliCredential.ResolveExecutable("C:\\tools\\sf.exe", windows: true, n => environment.GetValueOrDefault(n)));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _originalPath);
        Directory.Delete(_directory, recursive: true);
    }
}
