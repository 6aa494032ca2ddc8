using SfBulk.Limits;
using SfBulk.Tests.Jobs;

namespace SfBulk.Tests.Limits;

public sealed class GetLimitsTests
{
    [Fact]
    public async Task GetLimitsAsync_FreshOrg_ReadsEachBulkAllocation()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        await harness.SetLimitsAsync("""{"DailyBulkApiBatches":{"max":15000,"used":120},"DailyBulkV2QueryJobs":{"max":10000,"used":7},"DailyBulkV2QueryFileStorageMB":{"max":976562,"used":62}}""");

        var limits = await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new OrgLimit("DailyBulkApiBatches", 15_000, 14_880), limits.DailyBulkApiBatches);
        Assert.Equal(new OrgLimit("DailyBulkV2QueryJobs", 10_000, 9_993), limits.DailyBulkV2QueryJobs);
        Assert.Equal(new OrgLimit("DailyBulkV2QueryFileStorageMB", 976_562, 976_500), limits.DailyBulkV2QueryFileStorageMB);
        var requests = limits.DailyApiRequests!;
        var (max, used) = await harness.ReadLimitAsync("DailyApiRequests");
        Assert.Equal(max, requests.Max);
        Assert.Equal(used, requests.Used);
        Assert.Equal(120 / 15_000.0, limits.DailyBulkApiBatches!.ShareUsed, 6);
        Assert.True(limits.All.ContainsKey("DataStorageMB"), "keys sfbulk does not know are kept");
    }

    [Fact]
    public async Task GetLimitsAsync_AfterBatchesAndQueryJob_RemainingMoves()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        var before = await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);
        await harness.CreateV2QueryJobAsync();

        var after = await harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before.DailyBulkV2QueryJobs!.Remaining - 1, after.DailyBulkV2QueryJobs!.Remaining);
        Assert.True(after.DailyBulkV2QueryFileStorageMB!.Remaining < before.DailyBulkV2QueryFileStorageMB!.Remaining);
        Assert.Equal(before.DailyApiRequests!.Remaining - 2, after.DailyApiRequests!.Remaining);
    }

    [Fact]
    public async Task GetLimitsAsync_RequestsSpent_ThrowsRequestLimitExceeded()
    {
        await using var harness = await TestEmulator.StartAsync(TestSettings.Jobs());
        await harness.Connection.ConnectAsync(TestContext.Current.CancellationToken);
        await harness.SetLimitsAsync("""{"DailyApiRequests":{"max":100,"used":100}}""");

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => harness.Client.GetLimitsAsync(TestContext.Current.CancellationToken));

        Assert.Equal("REQUEST_LIMIT_EXCEEDED", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }
}
