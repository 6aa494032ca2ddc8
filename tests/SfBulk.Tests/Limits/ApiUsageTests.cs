using SfBulk.Models;
using SfBulk.Tests.Connection;
using SfBulk.Tests.Jobs;

namespace SfBulk.Tests.Limits;

/// <summary>The usage every REST answer carries is read without spending a request.</summary>
public sealed class ApiUsageTests
{
    [Fact]
    public async Task ApiUsage_AfterRestAnswer_MatchesOrgWithoutExtraCall()
    {
        await using var harness = await JobsHarness.StartAsync();
        await harness.Emulator.SetAsync("""{"DailyApiRequests":{"max":1000,"used":400}}""");
        var job = await harness.CreateV2IngestJobAsync();
        await harness.Emulator.ResetCountsAsync();

        await harness.Client.GetJobAsync(job.Id, BulkApi.V2, TestContext.Current.CancellationToken);
        var usage = harness.Connection.ApiUsage;

        Assert.NotNull(usage);
        Assert.Equal((1000, 402), (usage.Max, usage.Used));
        Assert.Equal(598, usage.Remaining);
        Assert.Equal(1, await harness.Emulator.TotalRequestsAsync());
        Assert.Equal(0, await harness.Emulator.CountAsync(LimitsHarness.LimitsRoute));
    }

    [Fact]
    public async Task ApiUsage_BulkV1RequestsAfterReport_CountedUntilNextReport()
    {
        await using var harness = await JobsHarness.StartAsync();
        var v2 = await harness.CreateV2IngestJobAsync();
        var v1 = await harness.CreateV1JobAsync();
        var reported = harness.Connection.ApiUsage!;

        for (var i = 0; i < 3; i++)
        {
            await harness.Client.GetJobAsync(v1.Id, BulkApi.V1, TestContext.Current.CancellationToken);
        }

        var estimate = harness.Connection.ApiUsage!;
        var (_, used) = await harness.Emulator.ReadAsync("DailyApiRequests");
        Assert.Equal(reported.Used + 3, estimate.Used);
        Assert.Equal(used, estimate.Used);
        Assert.Equal(4, estimate.SentSinceReport);
        Assert.NotNull(v2.Id);
    }

    [Fact]
    public async Task ApiUsage_OnlyBulkV1Answers_NullUntilReported()
    {
        await using var harness = await JobsHarness.StartAsync();
        await harness.CreateV1JobAsync();

        Assert.Null(harness.Connection.ApiUsage);
        Assert.Equal(1, harness.Connection.RequestsSent);
    }
}
