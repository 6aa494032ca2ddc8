using System.Runtime.Versioning;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>
/// The connection precedence: --instance-url + --session-id, --connection, --target-org, SFBULK_INSTANCE_URL +
/// SFBULK_SESSION_ID, the default connection. Each test makes every lower source broken, so only the winner works.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ConnectionPrecedenceTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private async Task AddAsync(TempConfig config, string name, string password)
    {
        var result = await CliProcess.RunAsync(["connection", "add", name, "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: password + "\n");
        CliAssert.ExitCode(0, result);
    }

    /// <summary>A fake Salesforce CLI (<c>sf</c>) on PATH that hands out <paramref name="token"/> for any alias.</summary>
    private static string FakeSf(TempConfig config, string instanceUrl, string token)
    {
        var bin = Path.Combine(config.Directory, "bin");
        Directory.CreateDirectory(bin);
        var script = Path.Combine(bin, "sf");
        File.WriteAllText(script, $"#!/bin/sh\necho '{{\"status\":0,\"result\":{{\"accessToken\":\"{token}\",\"instanceUrl\":\"{instanceUrl}\",\"username\":\"admin@sfbulk.test\"}}}}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
    }

    [Fact]
    public async Task InstanceUrlAndSessionId_WinOverNamedConnection()
    {
        using var config = new TempConfig();
        await AddAsync(config, "broken", "wrong-password");
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(["close", id, "--connection", "broken", .. await emulator.SessionArgsAsync()], config.Env());

        CliAssert.ExitCode(0, result);
    }

    [Fact]
    public async Task NamedConnection_WinsOverTargetOrgAndEnvironment()
    {
        using var config = new TempConfig();
        await AddAsync(config, "good", Canaries.Password);
        using var hole = new BlackHoleServer();
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(
            ["close", id, "--connection", "good", "--target-org", "nowhere", "--timeout", "20s"],
            config.Env(("PATH", "/nonexistent"), ("SFBULK_INSTANCE_URL", hole.Url), ("SFBULK_SESSION_ID", "x")));

        CliAssert.ExitCode(0, result);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task TargetOrg_UsesSalesforceCliSessionAndWinsOverEnvironment()
    {
        using var config = new TempConfig();
        using var hole = new BlackHoleServer();
        var token = await emulator.LoginAsync();
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(
            ["close", id, "--target-org", "my-org", "--output", "json", "--timeout", "20s"],
            config.Env(("PATH", FakeSf(config, emulator.Url, token)), ("SFBULK_INSTANCE_URL", hole.Url), ("SFBULK_SESSION_ID", "x")));

        CliAssert.ExitCode(0, result);
        Assert.Equal("Closed", CliAssert.Json(result)[0].GetProperty("state").GetString());
        CliAssert.Clean(result, token);
    }

    [Fact]
    public async Task TargetOrg_SalesforceCliMissing_ExitsThreeWithInstallAdvice()
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(["show", "750R00000000001IAA", "--target-org", "my-org"], config.Env(("PATH", config.Directory)));

        CliAssert.ExitCode(3, result);
        Assert.Contains("SF_CLI_NOT_FOUND", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("sf org login web --alias my-org", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentSession_WinsOverDefaultConnection()
    {
        using var config = new TempConfig();
        await AddAsync(config, "broken", "wrong-password");
        var id = await emulator.OpenJobAsync();
        var token = await emulator.LoginAsync();

        var result = await CliProcess.RunAsync(["close", id], config.Env(("SFBULK_INSTANCE_URL", emulator.Url), ("SFBULK_SESSION_ID", token)));

        CliAssert.ExitCode(0, result);
        CliAssert.Clean(result, token);
    }

    [Fact]
    public async Task DefaultConnection_IsUsedWhenNothingElseIsGiven()
    {
        using var config = new TempConfig();
        await AddAsync(config, "emu", Canaries.Password);
        var id = await emulator.OpenJobAsync();

        var result = await CliProcess.RunAsync(["close", id, "-v", "diag"], config.Env());

        CliAssert.ExitCode(0, result);
        Assert.Contains("[emu]", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task DefaultConnectionWithWrongPassword_ExitsThree()
    {
        using var config = new TempConfig();
        await AddAsync(config, "broken", "wrong-password");

        var result = await CliProcess.RunAsync(["close", "750R00000000001IAA", "750R00000000002IAA"], config.Env());

        CliAssert.ExitCode(3, result);
        Assert.Contains("INVALID_LOGIN", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNamedConnection_ExitsFourAndListsKnownOnes()
    {
        using var config = new TempConfig();
        await AddAsync(config, "emu", Canaries.Password);

        var result = await CliProcess.RunAsync(["list", "--connection", "prod"], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("No connection named 'prod'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Known connections: emu", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentWithOnlyInstanceUrl_ExitsFourNamingTheMissingVariable()
    {
        var result = await CliProcess.RunAsync(["list"], new Dictionary<string, string?> { ["SFBULK_INSTANCE_URL"] = emulator.Url });

        CliAssert.ExitCode(4, result);
        Assert.Contains("SFBULK_INSTANCE_URL is set but SFBULK_SESSION_ID is not", result.StdErr, StringComparison.Ordinal);
    }
}
