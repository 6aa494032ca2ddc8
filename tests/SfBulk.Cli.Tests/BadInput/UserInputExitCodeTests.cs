using System.Runtime.Versioning;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.BadInput;

/// <summary>
/// Bad user input at the command line: each case ends with its documented exit code, a message that says what to
/// fix, no stack trace, no secret, and (for input errors) no network call.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class UserInputExitCodeTests
{
    private const string JobId = "750R0000000zlh9IAA";

    private static async Task<CliResult> CloseAsync(BlackHoleServer server, params string[] more) =>
        await CliProcess.RunAsync(["close", .. more, "--instance-url", server.Url, "--session-id", Canaries.SessionId]);

    [Theory]
    [InlineData("750R0000000zlh9IAé", "only the letters")]
    [InlineData("７５０R0000000zlh9IAA", "only the letters")]
    [InlineData("750R0000000zlh9", "")]
    public async Task JobId_NonAsciiOrValid15_ExitCodeFollowsTheId(string id, string message)
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["close", id, "--instance-url", server.Url, "--session-id", Canaries.SessionId, "--timeout", "300ms"]);

        // A valid 15-character id gets past validation and meets the silent server (exit 6): the contrast shows the check.
        CliAssert.ExitCode(message.Length == 0 ? 6 : 2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task JobId_TenThousandCharacters_ExitsTwoWithShortMessage()
    {
        using var server = new BlackHoleServer();
        var result = await CloseAsync(server, new string('7', 10_000));

        CliAssert.RefusedBeforeAnyCall(result, server, "10000 characters");
        Assert.True(result.StdErr.Length < 600, result.StdErr);
    }

    [Theory]
    [InlineData("UploadComplete")]
    [InlineData("Open")]
    public async Task State_OtherThanClosedOrAborted_ExitsTwo(string state)
    {
        using var server = new BlackHoleServer();
        var result = await CloseAsync(server, JobId, "--state", state);

        CliAssert.RefusedBeforeAnyCall(result, server, "use Closed or Aborted");
    }

    [Theory]
    [InlineData("-5s", "negative values are not allowed")]
    [InlineData("100d", "maximum of 49 days")]
    [InlineData("99999999999999d", "maximum of")]
    public async Task Timeout_NegativeOrAbsurd_ExitsTwoBeforeAnyCall(string timeout, string message)
    {
        using var server = new BlackHoleServer();
        var result = await CloseAsync(server, JobId, "--timeout", timeout);

        CliAssert.RefusedBeforeAnyCall(result, server, message);
    }

    [Theory]
    [InlineData("/services/async/66.0", "not an absolute URL")]
    [InlineData("ftp://example.my.salesforce.com", "not an absolute URL")]
    [InlineData("http://127.0.0.1.example.com", "plain http")]
    [InlineData("https://admin:" + Canaries.Password + "@example.my.salesforce.com", "must not contain a user name or password")]
    public async Task InstanceUrl_RelativeNonHttpsOrWithPassword_ExitsTwoWithoutEchoingSecrets(string url, string message)
    {
        var result = await CliProcess.RunAsync(["close", JobId, "--instance-url", url, "--session-id", Canaries.SessionId]);

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password, Canaries.SessionId);
    }

    [Theory]
    [InlineData("30.0")]
    [InlineData("21.0")]
    public async Task ApiVersion_Retired_ExitsTwoWithTheReasonBeforeAnyCall(string version)
    {
        using var server = new BlackHoleServer();
        var result = await CloseAsync(server, JobId, "--api-version", version);

        CliAssert.RefusedBeforeAnyCall(result, server, "retired");
        Assert.Contains("31.0 or later", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionId_Empty_ExitsTwo()
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["close", JobId, "--instance-url", server.Url, "--session-id", string.Empty]);

        CliAssert.ExitCode(2, result);
        Assert.Contains("session id is empty", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, server.Accepted);
    }

    [Fact]
    public async Task ConnectionFile_Malformed_ExitsFourSayingFixOrDelete()
    {
        using var config = new TempConfig();
        Write(config, "{\"connections\": {\"prod\": {\"loginUrl\": ", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await CliProcess.RunAsync(["close", JobId], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("could not be read", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Fix or delete the file", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task ConnectionFile_BinaryGarbage_ExitsFour()
    {
        using var config = new TempConfig();
        Directory.CreateDirectory(Path.GetDirectoryName(config.FilePath)!);
        File.WriteAllBytes(config.FilePath, [0xFF, 0xFE, 0x00, 0x01, 0x80]);
        File.SetUnixFileMode(config.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await CliProcess.RunAsync(["connection", "list"], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("could not be read", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task ConnectionFile_IsADirectory_ExitsFourSayingSo()
    {
        using var config = new TempConfig();
        Directory.CreateDirectory(config.FilePath);

        var result = await CliProcess.RunAsync(["close", JobId], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("is a directory", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task ConnectionFile_WorldReadable_RefusedWithoutShowingItsSecrets()
    {
        using var config = new TempConfig();
        Write(
            config,
            """{"default":"prod","connections":{"prod":{"loginUrl":"https://login.salesforce.com","credential":"soap","username":"u@example.com","password":""" + "\"" + Canaries.Password + "\"}}}",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await CliProcess.RunAsync(["close", JobId], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("chmod 600", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.Password);
    }

    [Fact]
    public async Task ConnectionFile_Missing_NamedConnectionExitsFour()
    {
        using var config = new TempConfig();

        var result = await CliProcess.RunAsync(["close", JobId, "--connection", "prod"], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("prod", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task ConnectionFile_Unreadable_ExitsFour()
    {
        Assert.SkipWhen(Environment.UserName == "root", "root reads files whatever their mode");
        using var config = new TempConfig();
        Write(config, "{}", UnixFileMode.None);

        var result = await CliProcess.RunAsync(["close", JobId], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("could not be read", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobId_SessionGivenInItsPlace_ShowsOnlyItsStartAndLength()
    {
        using var server = new BlackHoleServer();
        var result = await CloseAsync(server, Canaries.SessionId);

        CliAssert.RefusedBeforeAnyCall(result, server, $"'{Canaries.SessionId[..5]}…' ({Canaries.SessionId.Length} characters)");
        CliAssert.Clean(result, Canaries.SessionId, Canaries.SessionId[..6]);
    }

    [Theory]
    [InlineData("http://example.my.salesforce.com/secur/frontdoor.jsp?sid=" + Canaries.SessionId, "'http://example.my.salesforce.com' uses plain http")]
    [InlineData("ftp://admin:" + Canaries.Password + "@example.my.salesforce.com/" + Canaries.SessionId, "'ftp://example.my.salesforce.com'")]
    [InlineData(Canaries.SessionId, "not shown")]
    public async Task InstanceUrl_CarryingASecret_ShowsOnlySchemeAndHost(string url, string shown)
    {
        using var server = new BlackHoleServer();
        var result = await CliProcess.RunAsync(["close", JobId, "--instance-url", url, "--session-id", "-"], stdin: Canaries.SessionId + "\n");

        CliAssert.ExitCode(2, result);
        Assert.Contains(shown, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.SessionId, Canaries.Password, "frontdoor", "sid=");
    }

    [Fact]
    public async Task EnvironmentSessionAndUrlSwapped_ExitsTwoWithoutShowingTheSession()
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(
            ["close", JobId],
            config.Env(("SFBULK_INSTANCE_URL", Canaries.SessionId), ("SFBULK_SESSION_ID", "https://example.my.salesforce.com")));

        CliAssert.ExitCode(2, result);
        Assert.Contains("swapped", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.SessionId, Canaries.SessionId[..8]);
    }

    [Theory]
    [InlineData("--target-org=-x", "must not start with '-'")]
    [InlineData("--target-org=dev&calc", "shell metacharacters")]
    [InlineData("--target-org=dev;rm -rf", "shell metacharacters")]
    [InlineData("--target-org=$(id)", "shell metacharacters")]
    public async Task TargetOrg_LeadingDashOrShellMetacharacter_ExitsTwoBeforeStartingTheCli(string option, string message)
    {
        using var config = new TempConfig();
        var result = await CliProcess.RunAsync(["close", JobId, option], config.Env(("SFBULK_SF_EXECUTABLE", "/nonexistent/sf-must-not-run")));

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be started", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task JwtKeyFile_ReadableByOthers_RefusedWithChmodHint()
    {
        using var config = new TempConfig();
        var key = Path.Combine(config.Directory, "key.pem");
        File.WriteAllText(key, "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Write(
            config,
            """{"default":"prod","connections":{"prod":{"loginUrl":"https://example.my.salesforce.com","credential":"jwt","username":"u@example.com","clientId":"client","keyFile":""" + System.Text.Json.JsonSerializer.Serialize(key) + "}}}",
            UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await CliProcess.RunAsync(["close", JobId], config.Env());

        CliAssert.ExitCode(4, result);
        Assert.Contains("chmod 600 " + key, result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, "not-a-real-key");
    }

    private static void Write(TempConfig config, string text, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(config.FilePath)!);
        File.WriteAllText(config.FilePath, text);
        File.SetUnixFileMode(config.FilePath, mode);
    }
}
