using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.BadInput;

/// <summary>
/// Bad server responses seen through the CLI (a real loopback server with canned bytes): exit code 5 with the
/// Salesforce-side error named, within seconds, no stack trace, no secret; legitimately odd answers are shown.
/// </summary>
public sealed class ServerResponseExitCodeTests : IAsyncLifetime
{
    private const string JobId = "750R0000000zlh9IAA";
    private const string Ns = "http://www.force.com/2009/06/asyncapi/dataload";

    private CannedServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await CannedServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HtmlMaintenancePageWith503_ExitsFive()
    {
        _server.Returns(503, "text/html", "<!DOCTYPE html><html><body>Down for maintenance</body></html>");

        var result = await ShowAsync();

        CliAssert.ExitCode(5, result);
        Assert.Contains("HTTP 503", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("HTML", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyWith200_ExitsFiveInvalidResponse()
    {
        _server.Returns(200, "application/xml", string.Empty);

        var result = await ShowAsync();

        CliAssert.ExitCode(5, result);
        Assert.Contains("INVALID_RESPONSE", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("empty", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedXmlToClose_ExitsFiveInvalidResponse()
    {
        _server.Returns(200, "application/xml", $"<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><sta");

        var result = await CliProcess.RunAsync(["close", JobId, "--api", "1", "--instance-url", _server.BaseUri.ToString(), "--session-id", Canaries.SessionId]);

        CliAssert.ExitCode(5, result);
        Assert.Contains("not well-formed XML", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task BillionLaughs_ExitsFiveWithinSeconds()
    {
        var entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append($"<!ENTITY a{i} \"{string.Concat(Enumerable.Repeat($"&a{i - 1};", 10))}\">");
        }

        _server.Returns(200, "application/xml", $"<?xml version=\"1.0\"?><!DOCTYPE jobInfo [{entities}]><jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>&a9;</state></jobInfo>");
        var watch = Stopwatch.StartNew();

        var result = await ShowAsync();

        CliAssert.ExitCode(5, result);
        Assert.Contains("DTD", result.StdErr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SeventeenMegabyteBody_ExitsFiveSayingTooLarge()
    {
        _server.Returns(200, "application/xml", new byte[17 * 1024 * 1024]);

        var result = await ShowAsync();

        CliAssert.ExitCode(5, result);
        Assert.Contains("larger than", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectToAnotherHost_ExitsFiveAndTheSessionStaysHome()
    {
        await using var other = await CannedServer.StartAsync("localhost");
        _server.Answer = c =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = new Uri(other.BaseUri, c.Request.Path.Value).ToString();
            return Task.CompletedTask;
        };

        var result = await ShowAsync("-v", "diag");

        CliAssert.ExitCode(5, result);
        Assert.Contains("REDIRECT_REFUSED", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task InvalidUtf8InJsonError_ExitsFiveNotUnexpected()
    {
        _server.Returns(400, "application/json", [.. "[{\"errorCode\":\"BAD_"u8, 0xC3, 0x28, .. "\",\"message\":\"x\"}]"u8]);

        var result = await ShowAsync();

        CliAssert.ExitCode(5, result);
        Assert.DoesNotContain("unexpectedly", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionRefusedWith401_ExitsThreeOrFiveWithoutTheSession()
    {
        _server.Returns(401, "application/xml", $"<error xmlns=\"{Ns}\"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>");

        var result = await ShowAsync("-v", "diag");

        CliAssert.ExitCode(3, result);
        Assert.Contains(_server.Requests, r => r.Headers.Contains(Canaries.SessionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownFieldsEnumValuesAndBothDateForms_ShownAsSent()
    {
        _server.Returns(200, "application/json", $$"""
            {"id":"{{JobId}}","state":"PendingReview","operation":"hardMerge","object":"Account","futureField":{"a":1},
             "createdDate":"2026-03-04T05:06:07.000+0000","systemModstamp":"2026-03-04T05:06:07.000Z","numberBatchesTotal":null}
            """);

        var result = await ShowAsync("--output", "json");

        CliAssert.ExitCode(0, result);
        var job = CliAssert.Json(result);
        Assert.Equal("PendingReview", job.GetProperty("state").GetString());
        Assert.Equal("hardMerge", job.GetProperty("operation").GetString());
    }

    private async Task<CliResult> ShowAsync(params string[] more)
    {
        var result = await CliProcess.RunAsync(["show", JobId, "--api", "1", "--instance-url", _server.BaseUri.ToString(), "--session-id", Canaries.SessionId, .. more], timeout: TimeSpan.FromSeconds(30));
        CliAssert.Clean(result);
        return result;
    }
}
