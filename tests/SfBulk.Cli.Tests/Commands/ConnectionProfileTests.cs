using System.Runtime.Versioning;
using System.Text.Json;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

/// <summary>Stored connections are the library's connection profile; old files, old names and old duration forms still work.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ConnectionProfileTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private static void WriteOwnerOnly(TempConfig config, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(config.FilePath)!);
        File.WriteAllText(config.FilePath, json);
        File.SetUnixFileMode(config.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>A file as sfbulk wrote it before the connection profile: no version, every field written.</summary>
    private string OldFile(string credential) => $$"""
        {
          "default": "emu",
          "connections": {
            "emu": {
              "loginUrl": "{{emulator.Url}}",
              "apiVersion": "66.0",
              "credential": "{{credential}}",
              "username": "{{emulator.Username}}",
              "password": "{{Canaries.Password}}"
            }
          }
        }
        """;

    private Dictionary<string, string?> LoginVariables(TempConfig config, params (string Name, string? Value)[] more) => config.Env(
        [("SFBULK_LOGIN_URL", emulator.Url), ("SFBULK_USERNAME", emulator.Username), ("SFBULK_PASSWORD", Canaries.Password), .. more]);

    [Fact]
    public async Task OldConnectionFile_IsReadAndRewrittenInTheNewFormOnTheNextWrite()
    {
        using var config = new TempConfig();
        WriteOwnerOnly(config, OldFile("soap"));
        var before = await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken);

        var test = await CliProcess.RunAsync(["connection", "test"], config.Env());
        var unchanged = await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken);
        var add = await CliProcess.RunAsync(["connection", "add", "ci", "--login-url", "https://example.my.salesforce.com", "--credential", "client-credentials", "--client-id", "abc", "--client-secret-env", "CI_SECRET"], config.Env());
        var after = await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken);
        var again = await CliProcess.RunAsync(["connection", "test", "emu"], config.Env());

        CliAssert.ExitCode(0, test);
        Assert.Contains($"Connected to {emulator.Url} as {emulator.Username} (SOAP login)", test.StdOut, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        CliAssert.ExitCode(0, add);
        using var document = JsonDocument.Parse(after);
        Assert.Equal(2, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("emu", document.RootElement.GetProperty("default").GetString());
        var emu = document.RootElement.GetProperty("connections").GetProperty("emu");
        Assert.Equal("soap", emu.GetProperty("credential").GetString());
        Assert.Equal(Canaries.Password, emu.GetProperty("password").GetString());
        Assert.Equal("CI_SECRET", document.RootElement.GetProperty("connections").GetProperty("ci").GetProperty("clientSecretEnv").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.FilePath));
        CliAssert.ExitCode(0, again);
        CliAssert.Clean(test, Canaries.Password);
        CliAssert.Clean(again, Canaries.Password);
    }

    [Theory]
    [InlineData("soaplogin")]
    [InlineData("SOAP")]
    public async Task ConnectionFile_OldCredentialSpelling_ReadAsAliasAndRewrittenCanonical(string spelling)
    {
        using var config = new TempConfig();
        WriteOwnerOnly(config, OldFile(spelling));

        var list = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());
        var test = await CliProcess.RunAsync(["connection", "test", "emu"], config.Env());
        CliAssert.ExitCode(0, await CliProcess.RunAsync(["connection", "set-default", "emu"], config.Env()));

        CliAssert.ExitCode(0, list);
        Assert.Equal("soap", CliAssert.Json(list).EnumerateArray().Single().GetProperty("credential").GetString());
        CliAssert.ExitCode(0, test);
        Assert.Contains("\"credential\": \"soap\"", await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_OldCredentialSpelling_AcceptedAndStoredCanonical()
    {
        using var config = new TempConfig();

        var add = await CliProcess.RunAsync(["connection", "add", "emu", "--login-url", emulator.Url, "--credential", "soap-login", "--username", emulator.Username, "--password", "-"], config.Env(), stdin: Canaries.Password + "\n");
        var list = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());

        CliAssert.ExitCode(0, add);
        Assert.Equal("soap", CliAssert.Json(list).EnumerateArray().Single().GetProperty("credential").GetString());
    }

    [Fact]
    public async Task Environment_LibraryVariables_DescribeTheConnection_DeprecatedNameWarns()
    {
        using var config = new TempConfig();

        var result = await CliProcess.RunAsync(["connection", "test", "--output", "json"], LoginVariables(config, ("SFBULK_AUTH_METHOD", "soap")));

        CliAssert.ExitCode(0, result);
        Assert.Equal("environment", CliAssert.Json(result).GetProperty("connection").GetString());
        Assert.Equal(emulator.Url, CliAssert.Json(result).GetProperty("instanceUrl").GetString());
        Assert.Contains("SFBULK_AUTH_METHOD is deprecated; use SFBULK_CREDENTIAL", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Environment_VariablesThatCompleteNoLogin_LeaveTheDefaultConnectionInCharge()
    {
        using var server = new BlackHoleServer();
        using var config = new TempConfig();
        WriteOwnerOnly(config, OldFile("soap"));

        var stored = await CliProcess.RunAsync(["connection", "test", "--output", "json"], config.Env(("SFBULK_LOGIN_URL", server.Url)));
        using var empty = new TempConfig();
        var nothing = await CliProcess.RunAsync(["connection", "test"], empty.Env(("SFBULK_LOGIN_URL", server.Url), ("SFBULK_USERNAME", "u@example.com")));

        CliAssert.ExitCode(0, stored);
        Assert.Equal("emu", CliAssert.Json(stored).GetProperty("connection").GetString());
        CliAssert.ExitCode(4, nothing);
        Assert.Contains("Connection 'environment' has no complete credential", nothing.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, server.Accepted);
    }

    [Fact]
    public async Task Environment_BareNumberTimeout_StillReadAsSecondsWithAWarning()
    {
        using var config = new TempConfig();

        var result = await CliProcess.RunAsync(["connection", "test"], LoginVariables(config, ("SFBULK_REQUEST_TIMEOUT", "90")));

        CliAssert.ExitCode(0, result);
        Assert.Contains("SFBULK_REQUEST_TIMEOUT: '90' is a number without a unit, read as 90s; write 90s instead.", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Theory]
    [InlineData("SFBULK_REQUEST_TIMEOUT", "soon", "SFBULK_REQUEST_TIMEOUT: 'soon' is not a duration")]
    [InlineData("SFBULK_MAX_RETRIES", "many", "SFBULK_MAX_RETRIES must be a whole number")]
    [InlineData("SFBULK_API_VERSION", "30.0", "API version '30.0' is retired")]
    [InlineData("SFBULK_LOGIN_URL", "http://login.example.com", "uses plain http")]
    public async Task Environment_BadValue_ExitsBeforeAnyCallWithoutStackTrace(string variable, string value, string message)
    {
        using var server = new BlackHoleServer();
        using var config = new TempConfig();
        var env = config.Env(("SFBULK_LOGIN_URL", server.Url), ("SFBULK_USERNAME", "u@example.com"), ("SFBULK_PASSWORD", Canaries.Password), (variable, value));

        var result = await CliProcess.RunAsync(["show", "750R00000000001IAA"], env);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
        Assert.DoesNotContain("(Parameter '", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task Add_SessionKindWithVariable_LogsInWithTheSessionFromTheEnvironment()
    {
        using var config = new TempConfig();
        var session = await emulator.LoginAsync();

        var add = await CliProcess.RunAsync(["connection", "add", "live", "--credential", "session", "--instance-url", emulator.Url, "--session-id-env", "EMU_SESSION"], config.Env());
        var test = await CliProcess.RunAsync(["connection", "test", "live", "--output", "json"], config.Env(("EMU_SESSION", session)));
        var list = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());

        CliAssert.ExitCode(0, add);
        CliAssert.ExitCode(0, test);
        Assert.Equal(emulator.Url, CliAssert.Json(test).GetProperty("instanceUrl").GetString());
        Assert.Equal("env:EMU_SESSION", CliAssert.Json(list).EnumerateArray().Single().GetProperty("secrets").GetProperty("sessionId").GetString());
        CliAssert.Clean(test, session);
        Assert.DoesNotContain(session, await File.ReadAllTextAsync(config.FilePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SalesforceCliKind_StoresTheOrgAlias()
    {
        using var config = new TempConfig();

        var add = await CliProcess.RunAsync(["connection", "add", "dev", "--credential", "sf-cli", "--target-org", "dev-sandbox"], config.Env());
        var list = await CliProcess.RunAsync(["connection", "list", "--output", "json"], config.Env());

        CliAssert.ExitCode(0, add);
        var stored = CliAssert.Json(list).EnumerateArray().Single();
        Assert.Equal("sf-cli", stored.GetProperty("credential").GetString());
        Assert.Equal("dev-sandbox", stored.GetProperty("targetOrg").GetString());
    }

    [Theory]
    [InlineData("session", "--instance-url", "http://example.my.salesforce.com", "uses plain http")]
    [InlineData("session", "--session-id-env", "EMU_SESSION", "A session connection needs --instance-url")]
    [InlineData("sf-cli", "--username", "u", "A sf-cli connection needs --target-org")]
    public async Task Add_NewKindsIncomplete_ExitsTwoAndWritesNothing(string kind, string option, string value, string message)
    {
        using var config = new TempConfig();

        var result = await CliProcess.RunAsync(["connection", "add", "x", "--credential", kind, option, value], config.Env());

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(config.FilePath));
        CliAssert.Clean(result);
    }
}
