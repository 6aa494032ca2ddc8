using System.Runtime.Versioning;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

[UnsupportedOSPlatform("windows")]
public sealed class ConnectionCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private Task<CliResult> AddSoapAsync(TempConfig config, string name, params string[] more) =>
        CliProcess.RunAsync(["connection", "add", name, "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-", .. more], config.Env(), stdin: Canaries.Password + "\n");

    [Fact]
    public async Task Add_PasswordFromStdin_StoresOwnerOnlyFileAndMakesItDefault()
    {
        using var config = new TempConfig();
        var result = await AddSoapAsync(config, "emu");

        CliAssert.ExitCode(0, result);
        Assert.Contains("It is the default connection.", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.FilePath));
        Assert.Contains(Canaries.Password, await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_StoredAndEnvSecrets_ShowsMaskAndVariableNameOnly()
    {
        using var config = new TempConfig();
        await AddSoapAsync(config, "emu");
        CliAssert.ExitCode(0, await CliProcess.RunAsync(["connection", "add", "ci", "--login-url", "https://example.my.salesforce.com", "--credential", "client-credentials", "--client-id", "abc", "--client-secret-env", "CI_SECRET"], config.Env()));

        var text = await CliProcess.RunAsync(["connection", "list"], config.Env());
        var json = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());

        CliAssert.ExitCode(0, text);
        Assert.Matches(@"emu\s+\*\s+" + emulator.Url.Replace(".", @"\.", StringComparison.Ordinal), text.StdOut);
        Assert.Contains("password: ***", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("clientSecret: env:CI_SECRET", text.StdOut, StringComparison.Ordinal);
        var connections = CliAssert.Json(json).EnumerateArray().ToList();
        Assert.Equal(["ci", "emu"], connections.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("***", connections[1].GetProperty("secrets").GetProperty("password").GetString());
        Assert.True(connections[1].GetProperty("default").GetBoolean());
        CliAssert.Clean(text, Canaries.Password);
        CliAssert.Clean(json, Canaries.Password);
    }

    [Fact]
    public async Task Test_DefaultConnection_ReportsInstanceAndUserWithoutSecrets()
    {
        using var config = new TempConfig();
        await AddSoapAsync(config, "emu");

        var result = await CliProcess.RunAsync(["connection", "test", "-v", "diag"], config.Env());

        CliAssert.ExitCode(0, result);
        Assert.Contains($"Connected to {emulator.Url} as {emulator.Username} (SOAP login)", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("soap-login(", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("services/Soap/u/", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Test_SecretFromEnvironment_LogsIn()
    {
        using var config = new TempConfig();
        CliAssert.ExitCode(0, await CliProcess.RunAsync(
            ["connection", "add", "oauth", "--login-url", emulator.Url, "--credential", "password", "--client-id", emulator.Server.Options.ClientId,
             "--client-secret-env", "EMU_CLIENT_SECRET", "--username", emulator.Username, "--password-env", "EMU_PASSWORD"],
            config.Env()));

        var result = await CliProcess.RunAsync(["connection", "test", "oauth", "--output", "json"], config.Env(("EMU_CLIENT_SECRET", emulator.Server.Options.ClientSecret), ("EMU_PASSWORD", Canaries.Password)));
        var unset = await CliProcess.RunAsync(["connection", "test", "oauth"], config.Env());

        CliAssert.ExitCode(0, result);
        Assert.Equal(emulator.Url, CliAssert.Json(result).GetProperty("instanceUrl").GetString());
        Assert.Equal("oauth-password", CliAssert.Json(result).GetProperty("credential").GetString());
        CliAssert.Clean(result, Canaries.Password, emulator.Server.Options.ClientSecret);
        CliAssert.ExitCode(4, unset);
        Assert.Contains("EMU_CLIENT_SECRET, which is not set", unset.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_WrongPassword_ExitsThree()
    {
        using var config = new TempConfig();
        var add = await CliProcess.RunAsync(["connection", "add", "bad", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: "wrong-password\n");
        CliAssert.ExitCode(0, add);

        var result = await CliProcess.RunAsync(["connection", "test", "bad"], config.Env());

        CliAssert.ExitCode(3, result);
        Assert.Contains("INVALID_LOGIN", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, "wrong-password");
    }

    [Fact]
    public async Task Load_GroupReadableFile_IsRefusedWithChmodAdvice()
    {
        using var config = new TempConfig();
        await AddSoapAsync(config, "emu");
        File.SetUnixFileMode(config.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await CliProcess.RunAsync(["connection", "list"], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("chmod 600", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("mode 644", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Remove_DefaultConnection_RemovesItAndClearsDefault()
    {
        using var config = new TempConfig();
        await AddSoapAsync(config, "emu");
        await AddSoapAsync(config, "second");

        var removed = await CliProcess.RunAsync(["connection", "remove", "emu"], config.Env());
        var again = await CliProcess.RunAsync(["connection", "remove", "emu"], config.Env());
        var close = await CliProcess.RunAsync(["close", "750R00000000001IAA"], config.Env());
        var setDefault = await CliProcess.RunAsync(["connection", "set-default", "second"], config.Env());
        var list = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());

        CliAssert.ExitCode(0, removed);
        Assert.Contains("There is no default connection now", removed.StdErr, StringComparison.Ordinal);
        CliAssert.ExitCode(4, again);
        CliAssert.ExitCode(4, close);
        CliAssert.ExitCode(0, setDefault);
        Assert.True(CliAssert.Json(list).EnumerateArray().Single().GetProperty("default").GetBoolean());
    }

    [Theory]
    [InlineData("soap", "A soap connection needs --username")]
    [InlineData("jwt", "A jwt connection needs --client-id, --username, --key-file")]
    [InlineData("client-credentials", "--client-secret (or --client-secret-env)")]
    public async Task Add_MissingField_ExitsTwo(string kind, string message)
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(["connection", "add", "x", "--credential", kind], config.Env());

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(config.FilePath));
    }

    [Theory]
    [InlineData("bad name", "--credential", "soap")]
    [InlineData("ok", "--credential", "kerberos")]
    [InlineData("ok", "--login-url", "http://login.example.com")]
    [InlineData("ok", "--client-secret-env", "1BAD")]
    public async Task Add_BadInput_ExitsTwo(string name, string option, string value)
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(["connection", "add", name, "--credential", "soap", option, value], config.Env());

        CliAssert.ExitCode(2, result);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Add_LiteralSecret_WarnsAboutShellHistory()
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(["connection", "add", "emu", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", Canaries.Password], config.Env());

        CliAssert.ExitCode(0, result);
        Assert.Contains("shell history", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Add_ExistingName_NeedsForce()
    {
        using var config = new TempConfig();
        await AddSoapAsync(config, "emu");

        var again = await AddSoapAsync(config, "emu");
        var forced = await AddSoapAsync(config, "emu", "--force");

        CliAssert.ExitCode(2, again);
        Assert.Contains("--force", again.StdErr, StringComparison.Ordinal);
        CliAssert.ExitCode(0, forced);
    }
}
