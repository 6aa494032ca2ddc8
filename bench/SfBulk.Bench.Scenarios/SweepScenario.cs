using System.Diagnostics;
using SfBulk.Authentication;
using SfBulk.Sweeping;

namespace SfBulk.Bench.Scenarios;

/// <summary>
/// Sweeps every open job older than 24 hours with the library's <see cref="JobSweeper"/> (list, plan, close at the
/// given concurrency) against a running emulator, and prints jobs, API calls, seconds and jobs/s as JSON.
/// </summary>
internal static class SweepScenario
{
    public static async Task<int> RunAsync(Uri instanceUrl, string sessionId, int concurrency, CancellationToken cancellationToken)
    {
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "bench-sweep",
            LoginUrl = instanceUrl,
            Credential = new ExternalSessionCredential(instanceUrl, sessionId),
        });
        var sweeper = new JobSweeper(new BulkJobClient(connection), new SweepOptions { MaxConcurrency = concurrency });

        var heapBefore = SweepSummary.HeapNow();
        var clock = Stopwatch.StartNew();
        var report = await sweeper.SweepAsync(new SweepFilter { OlderThan = TimeSpan.FromHours(24) }, cancellationToken: cancellationToken);
        clock.Stop();
        if (!report.Succeeded)
        {
            throw new InvalidOperationException(report.ToString());
        }

        SweepSummary.Write("sfbulk-library", report.Counts[SweepOutcome.Closed], report.CallsUsed, clock.Elapsed, concurrency, report.Plan.Elapsed, heapBefore, report);
        return 0;
    }
}
