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
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        await harness.SetLimitsAsync("""{"DailyApiRequests":{"max":1000,"used":400}}""");
        var job = await harness.CreateV2IngestJobAsync();
        await harness.ResetRequestsAsync();

        await harness.Client.GetJobAsync(job.Id, BulkApi.V2, TestContext.Current.CancellationToken);
        var usage = harness.Connection.ApiUsage;

        Assert.NotNull(usage);
        Assert.Equal((1000, 402), (usage.Max, usage.Used));
        Assert.Equal(598, usage.Remaining);
        Assert.Equal(1, await harness.TotalRequestsAsync());
        Assert.Equal(0, await harness.RequestsAsync("GET /services/data/v{version}/limits"));
    }

    [Fact]
    public async Task ApiUsage_BulkV1RequestsAfterReport_CountedUntilNextReport()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        var v2 = await harness.CreateV2IngestJobAsync();
        var v1 = await harness.CreateV1JobAsync();
        var reported = harness.Connection.ApiUsage!;

        for (var i = 0; i < 3; i++)
        {
            await harness.Client.GetJobAsync(v1.Id, BulkApi.V1, TestContext.Current.CancellationToken);
        }

        var estimate = harness.Connection.ApiUsage!;
        var (_, used) = await harness.ReadLimitAsync("DailyApiRequests");
        Assert.Equal(reported.Used + 3, estimate.Used);
        Assert.Equal(used, estimate.Used);
        Assert.Equal(4, estimate.SentSinceReport);
        Assert.NotNull(v2.Id);
    }

    [Fact]
    public async Task ApiUsage_OnlyBulkV1Answers_NullUntilReported()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        await harness.CreateV1JobAsync();

        Assert.Null(harness.Connection.ApiUsage);
        Assert.Equal(1, harness.Connection.RequestsSent);
    }
}
