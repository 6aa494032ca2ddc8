using System.Net;
using System.Net.Sockets;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Newcomer;

/// <summary>Every error shows Salesforce's code once and names its remedy as a command to paste; JSON reads cleanly.</summary>
public sealed class ClearMessagesTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Fact]
    public async Task Close_JobOfAnotherUser_ShowsTheCodeOnceAndSuggestsAbortNamingTheCreator()
    {
        var jobId = await emulator.OpenJobAsync("""{"createdBy":"integration@sfbulk.test"}""");
        var creator = await emulator.UserIdAsync("integration@sfbulk.test");

        var result = await CliProcess.RunAsync(["close", jobId, .. await emulator.SessionArgsAsync()]);

        CliAssert.ExitCode(5, result);
        var error = result.StdErr.Split('\n').Single(l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(error, "InvalidUser"));
        Assert.DoesNotContain("http://", error, StringComparison.Ordinal);
        Assert.Contains($"hint: Job {jobId} was created by user {creator}", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"sfbulk abort {jobId}", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Bulk2QueryJob_SuggestsTheAbortCommand()
    {
        var jobId = (await emulator.SeedV2Async("""{"kind":"V2Query","state":"InProgress"}"""))[0];

        var result = await CliProcess.RunAsync(["close", jobId, .. await emulator.SessionArgsAsync()]);

        Assert.Contains($"hint: A Bulk API 2.0 query job cannot be closed; to stop it, abort it: sfbulk abort {jobId}", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("state Aborted", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_OneId_JsonIsAnArrayWithReadableCharacters()
    {
        var jobId = await emulator.OpenJobAsync("""{"createdBy":"integration@sfbulk.test"}""");

        var result = await CliProcess.RunAsync(["close", jobId, "--output", "json", .. await emulator.SessionArgsAsync()]);

        var json = CliAssert.Json(result);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, json.ValueKind);
        Assert.Equal(jobId, json[0].GetProperty("id").GetString());
        Assert.Contains("→", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_NoHttp500NoDoublePeriodAndAHintThatIsNotTheSameCommand()
    {
        using var config = new TempConfig();
        var add = await CliProcess.RunAsync(["connection", "add", "emu", "--credential", "soap", "--login-url", emulator.Url, "--username", emulator.Username, "--password", "-"], config.Env(), stdin: "wrong-password\n");
        CliAssert.ExitCode(0, add);

        var result = await CliProcess.RunAsync(["connection", "test", "emu"], config.Env());

        CliAssert.ExitCode(3, result);
        Assert.DoesNotContain("HTTP 500", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("..", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(result.StdErr.Split('\n')[0], "INVALID_LOGIN"));
        Assert.Contains("hint: ", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("sfbulk connection test", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("sfbulk connection add <name> --force", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedTcpConnection_SaysTheRequestWasNotSent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: the connection is refused

        var result = await CliProcess.RunAsync(["show", "750R00000000001IAA", "--instance-url", $"http://127.0.0.1:{port}", "--session-id", "x"]);

        CliAssert.ExitCode(5, result);
        Assert.Contains("the request was not sent", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("may or may not have been processed", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("-v diag", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FifteenCharacterIdWithLetters_GetsACaseSensitivityNote()
    {
        var session = await emulator.SessionArgsAsync();

        var lower = await CliProcess.RunAsync(["show", "750r00000000008", .. session]);
        var digits = await CliProcess.RunAsync(["show", "750000000000008", .. session]);

        Assert.Contains("note: 15-character ids are case-sensitive: '750r00000000008' is read as 750r00000000008AAA", lower.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("case-sensitive", digits.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedJson_IsBadInputWithLineAndColumn()
    {
        var input = Path.Combine(Path.GetTempPath(), "sfbulk-run-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(input, "{\n  \"CloseJob\": { \"jobId\": x }\n}\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliProcess.RunAsync(["run", "--input", input, .. await emulator.SessionArgsAsync()]);

            CliAssert.ExitCode(2, result);
            Assert.Contains("not valid JSON at line 2, column 26", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", result.StdOut + result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("Path: $", result.StdOut + result.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
