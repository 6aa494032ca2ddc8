using SfBulk.Jobs;
using SfBulk.Models;

namespace SfBulk.Tests.Jobs;

public class BulkJobClientReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetJobAsync_V1AndV2Jobs_ReadsBoth()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var v1 = await h.CreateV1JobAsync();
        var v2 = await h.CreateV2IngestJobAsync();

        Assert.Equal(v1.Id, (await h.Client.GetJobAsync(v1.Id, cancellationToken: Ct)).Id);
        var read = await h.Client.GetJobAsync(v2.Id, BulkApi.V2, Ct);
        Assert.Equal(BulkJobType.V2Ingest, read.JobType);
    }

    [Fact]
    public async Task GetJobAsync_V2QueryJob_FindsItAfterTheIngestRouteSaysNotFound()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var query = await h.CreateV2QueryJobAsync();

        var read = await h.Client.GetJobAsync(query.Id, BulkApi.V2, Ct);

        Assert.Equal(query.Id, read.Id);
        Assert.Equal(BulkJobType.V2Query, read.JobType);
    }

    [Fact]
    public async Task GetJobAsync_V2WithA1Point0JobId_SaysNo2Point0JobHoldsIt()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var v1 = await h.CreateV1JobAsync();

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.GetJobAsync(v1.Id, BulkApi.V2, Ct));

        Assert.Contains("No Bulk API 2.0 job", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchesAsync_NewJob_ReturnsEmptyList()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var job = await h.CreateV1JobAsync();

        Assert.Empty(await h.Client.GetBatchesAsync(job.Id, Ct));
    }

    [Fact]
    public async Task GetAllJobsAsync_JobsOfBothApis_ListsEachOnce()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var v1 = await h.CreateV1JobAsync();
        var v2 = await h.CreateV2IngestJobAsync();
        var q = await h.CreateV2QueryJobAsync();

        var ids = new List<string>();
        await foreach (var job in h.Client.GetAllJobsAsync(cancellationToken: Ct))
        {
            ids.Add(job.Id);
        }

        Assert.Contains(v1.Id, ids);
        Assert.Contains(v2.Id, ids);
        Assert.Contains(q.Id, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task GetAllJobsAsync_ClassicFilter_OnlyClassicJobs()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var v1 = await h.CreateV1JobAsync();
        await h.CreateV2IngestJobAsync();

        var jobs = new List<JobInfo>();
        await foreach (var job in h.Client.GetAllJobsAsync(new JobListFilter { JobType = BulkJobType.Classic }, Ct))
        {
            jobs.Add(job);
        }

        var only = Assert.Single(jobs);
        Assert.Equal(v1.Id, only.Id);
    }
}
