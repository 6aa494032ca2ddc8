using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_PortZero_PrintsListeningLineAndServes()
    {
        using var process = Process.Start(CliProcess.StartInfo(["emulator", "--port", "0"]))!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.NotNull(line);
            Assert.Matches(@"^Emulator listening on http://127\.0\.0\.1:\d+$", line);
            var credentials = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.Contains("admin@sfbulk.test", credentials, StringComparison.Ordinal);

            var control = await ControlLineAsync(process);
            var token = Assert.Single(Regex.Matches(control!, "^  control token: ([0-9a-f]{32})  \\(header X-Emulator-Token on /_emulator requests\\)$")).Groups[1].Value;

            using var http = new HttpClient { BaseAddress = new Uri(line!["Emulator listening on ".Length..]) };
            using var response = await http.GetAsync("services/async/66.0/job/750R0000000001AAA", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("InvalidSessionId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            using var withoutToken = await http.GetAsync("_emulator/requests", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/requests");
            request.Headers.Add("X-Emulator-Token", token);
            using var withToken = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Emulator_OpenControl_AnswersControlWithoutToken()
    {
        using var process = Process.Start(CliProcess.StartInfo(["emulator", "--port", "0", "--open-control"]))!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Matches(@"^Emulator listening on http://127\.0\.0\.1:\d+$", line);
            Assert.Equal("  control surface: open to any local caller (--open-control)", await ControlLineAsync(process));

            using var http = new HttpClient { BaseAddress = new Uri(line!["Emulator listening on ".Length..]) };
            using var response = await http.GetAsync("_emulator/requests", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("--port", "99999", "--port must be between 0 and 65535.")]
    [InlineData("--time-scale", "0", "--time-scale must be above 0")]
    [InlineData("--port", "eighty", "eighty")]
    [InlineData("--bogus", "1", "unknown option '--bogus' for 'sfbulk emulator'")]
    public async Task Emulator_BadOption_ExitsWithUsageError(string option, string value, string message)
    {
        var result = await CliProcess.RunAsync(["emulator", option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    /// <summary>The banner's control line (the token, or the note that the control surface is open), after the credentials.</summary>
    private static async Task<string?> ControlLineAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("  control ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }
}
