using SfBulk.Cli.Tests.Infrastructure;
using SfBulk.Jobs;

namespace SfBulk.Cli.Tests.BadInput;

/// <summary>Sweep options that contradict each other, and listings a sweep must survive, seen through the CLI.</summary>
public sealed class SweepExitCodeTests : IAsyncLifetime
{
    private readonly CannedOrg _org = new();
    private CannedServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _server.Answer = _org.AnswerAsync;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Sweep_UploadCompleteWithAbort_ExitsTwoBeforeAnyCall()
    {
        using var server = new BlackHoleServer();

        var result = await CliProcess.RunAsync(["sweep", "--abort", "--upload-complete", "--yes", "--instance-url", server.Url, "--session-id", "x"]);

        CliAssert.RefusedBeforeAnyCall(result, server, "--upload-complete and --abort cannot be combined");
    }

    [Fact]
    public async Task Sweep_ListingWithAMalformedIdAndAnUnreadableDate_ExitsZeroReportingBothSkipped()
    {
        var good = JobId.Normalize("750R00000000001");
        var bad = JobId.Normalize("750R00000000003");
        _org.Job(good, createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job("not-a-job-id", createdDate: CannedOrg.Ago(TimeSpan.FromDays(2)))
            .Job(bad, createdDate: "yesterday");

        var result = await CliProcess.RunAsync(["sweep", "--yes", "--instance-url", _server.BaseUri.ToString(), "--session-id", Canaries.SessionId]);

        CliAssert.ExitCode(0, result);
        Assert.Matches($@"{good}\s+Classic\s+insert\s+Account\s+005\w+\s+[12]d\s+closed", result.StdOut);
        Assert.Matches(@"not-a-job-id\s+Classic\s+insert\s+Account\s+005\w+\s+[12]d\s+skipped\s+Malformed job id in the listing", result.StdOut);
        Assert.Matches($@"{bad}\s+Classic\s+insert\s+Account\s+005\w+\s+\?\s+skipped\s+Age unknown", result.StdOut);
        Assert.Contains("3 jobs: 1 closed, 2 skipped;", result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result, Canaries.SessionId);
    }
}
