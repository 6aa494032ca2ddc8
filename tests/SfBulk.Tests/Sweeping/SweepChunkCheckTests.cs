using System.Text;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Sweeping;

namespace SfBulk.Tests.Sweeping;

/// <summary>
/// The plan's check of PK-chunked jobs: a chunked job with no batch yet is left alone (its query batch may be about
/// to be added), and cancelling the plan while it reads chunked jobs stops it.
/// </summary>
public sealed class SweepChunkCheckTests : SweepEmulatorTests
{
    private const string V1Get = "GET /services/async/{version}/job/{jobId}";
    private const string V1Close = "POST /services/async/{version}/job/{jobId}";

    [Fact]
    public async Task SweepAsync_ChunkedJobWithNoBatchYet_SkippedAsAboutToStartAndLeftOpen()
    {
        var id = await CreateChunkedQueryJobWithoutBatchAsync();

        var report = await Sweeper().SweepAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, cancellationToken: Ct);

        var job = Assert.Single(report.Jobs);
        Assert.Equal(id, job.JobId);
        Assert.Equal(SweepOutcome.Skipped, job.Outcome);
        Assert.True(job.Entry.IsPkChunked);
        Assert.Equal(0, job.Entry.PendingBatches);
        Assert.Equal(
            "PK-chunked job still running: no batch added yet (the query batch that starts the chunking may be about to be added). Close it once every chunk's results are read, or sweep --include-running (IncludeRunning).",
            job.Reason);
        Assert.Equal(0, await Harness.RequestsAsync(V1Close));
        Assert.Equal(BulkJobState.Open, (await Harness.Client.GetJobAsync(id, BulkApi.V1, Ct)).State);
    }

    [Fact]
    public async Task PlanAsync_CancelledWhileReadingAChunkedJob_StopsWithoutAPlan()
    {
        await Harness.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 2, ["chunkDurationSeconds"] = 10, ["ageSeconds"] = 600 });
        await Harness.AddFaultAsync($$"""{"route":"{{V1Get}}","kind":"latency","latencyMs":4000,"count":1}""");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sweeper().PlanAsync(new SweepFilter { OlderThan = TimeSpan.Zero }, cts.Token));
    }

    /// <summary>A PK-chunked Bulk 1.0 query job created through the API, with no batch added yet.</summary>
    private async Task<string> CreateChunkedQueryJobWithoutBatchAsync()
    {
        const string Body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>query</operation><object>Account</object><contentType>CSV</contentType></jobInfo>";
        var create = new ApiRequest(HttpMethod.Post, "services/async/66.0/job", ApiFamily.BulkV1, Encoding.UTF8.GetBytes(Body), "application/xml; charset=UTF-8", "application/xml")
        {
            Headers = new Dictionary<string, string> { ["Sforce-Enable-PKChunking"] = "TRUE" },
        };
        var created = await Harness.Connection.SendAsync(create, Ct);
        Assert.True(created.IsSuccess, Encoding.UTF8.GetString(created.Body));
        return System.Xml.Linq.XElement.Parse(Encoding.UTF8.GetString(created.Body)).Elements().First(e => e.Name.LocalName == "id").Value;
    }
}
