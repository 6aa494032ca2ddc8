using SfBulk.Emulator;
using SfBulk.Emulator.Fidelity;
using SfBulk.Models;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Jobs;

/// <summary>
/// The client against every answer the emulator offers where Salesforce's documentation is silent (docs/fidelity.md):
/// the same outcome whatever the variant, never a wrong success, never a close through the wrong API.
/// </summary>
public class BulkJobClientVariantTests
{
    private const string V2PatchRoute = EmulatorRoutes.BulkV2UpdateIngestJob;
    private const string V1CloseRoute = EmulatorRoutes.BulkV1UpdateJob;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(V1RouteForV2Job.InvalidJob)]
    [InlineData(V1RouteForV2Job.JobInfo)]
    [InlineData(V1RouteForV2Job.NotFound)]
    public async Task CloseJobAsync_V2IngestJobWithAuto_ClosedThroughV2WhateverThe1RouteAnswers(V1RouteForV2Job variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V1RouteForV2Job = variant }));
        var created = await h.CreateV2IngestJobAsync();
        await h.UploadAsync(created.Id);

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(BulkApi.V2, result.Api);
        Assert.Equal(BulkJobState.UploadComplete, result.Job.State);
        Assert.Equal(1, await h.RequestsAsync(V2PatchRoute));
    }

    [Theory]
    [InlineData(V1RouteForV2Job.InvalidJob)]
    [InlineData(V1RouteForV2Job.JobInfo)]
    [InlineData(V1RouteForV2Job.NotFound)]
    public async Task AbortJobAsync_V2QueryJobWithAuto_AbortedThroughV2WhateverThe1RouteAnswers(V1RouteForV2Job variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V1RouteForV2Job = variant }));
        var created = await h.CreateV2QueryJobAsync();

        var result = await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Aborted, result.Outcome);
        Assert.Equal(BulkApi.V2, result.Api);
        Assert.Equal(BulkJobState.Aborted, result.Job.State);
    }

    [Theory]
    [InlineData(V1RouteForV2Job.InvalidJob)]
    [InlineData(V1RouteForV2Job.JobInfo)]
    [InlineData(V1RouteForV2Job.NotFound)]
    public async Task CloseJobAsync_OpenV1Job_OneRequestWhateverThe1RouteAnswersFor2Ids(V1RouteForV2Job variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V1RouteForV2Job = variant }));
        var created = await h.CreateV1JobAsync();
        await h.ResetRequestsAsync();

        var result = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Closed, result.Outcome);
        Assert.Equal(BulkApi.V1, result.Api);
        Assert.Equal(1, await h.RequestsAsync(V1CloseRoute));
        Assert.Equal(0, await h.RequestsAsync(V2PatchRoute));
    }

    [Theory]
    [InlineData(V1RouteForV2Job.InvalidJob)]
    [InlineData(V1RouteForV2Job.JobInfo)]
    [InlineData(V1RouteForV2Job.NotFound)]
    public async Task GetJobAsync_V2IngestJobWithAuto_ReadsItAsA2Job(V1RouteForV2Job variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V1RouteForV2Job = variant }));
        var created = await h.CreateV2IngestJobAsync();

        var job = await h.Client.GetJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(BulkJobType.V2Ingest, job.JobType);
        Assert.Equal(BulkJobState.Open, job.State);
    }

    [Fact]
    public async Task CloseJobAsync_V2JobWithApiV1UnderJobInfoVariant_ClearErrorNoSuccess()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V1RouteForV2Job = V1RouteForV2Job.JobInfo }));
        var created = await h.CreateV2IngestJobAsync();

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V1 }, Ct));

        Assert.Contains("was not changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(created.Id, BulkApi.V2, Ct)).State);
    }

    [Theory]
    [InlineData(V2StateChangeRefusal.InvalidJobState)]
    [InlineData(V2StateChangeRefusal.InvalidJobStateOtherWording)]
    [InlineData(V2StateChangeRefusal.ApiError)]
    public async Task CloseJobAsync_V2JobClosedBefore_AlreadyClosedWhateverTheRefusal(V2StateChangeRefusal variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V2StateChangeRefusal = variant }));
        var created = await h.CreateV2IngestJobAsync();
        await h.UploadAsync(created.Id);
        await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        var again = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyClosed, again.Outcome);
        Assert.True(again.WasAlreadyInRequestedState);
        Assert.Equal(BulkApi.V2, again.Api);
    }

    [Theory]
    [InlineData(V2StateChangeRefusal.InvalidJobState)]
    [InlineData(V2StateChangeRefusal.InvalidJobStateOtherWording)]
    [InlineData(V2StateChangeRefusal.ApiError)]
    public async Task CloseJobAsync_V2JobAbortedBefore_AlreadyAbortedNotInRequestedState(V2StateChangeRefusal variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V2StateChangeRefusal = variant }));
        var created = await h.CreateV2IngestJobAsync();
        await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        var close = await h.Client.CloseJobAsync(created.Id, cancellationToken: Ct);
        var abort = await h.Client.AbortJobAsync(created.Id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.AlreadyAborted, close.Outcome);
        Assert.False(close.WasAlreadyInRequestedState);
        Assert.Equal(CloseOutcome.AlreadyAborted, abort.Outcome);
        Assert.True(abort.WasAlreadyInRequestedState);
    }

    [Theory]
    [InlineData(V2StateChangeRefusal.InvalidJobState, "INVALIDJOBSTATE")]
    [InlineData(V2StateChangeRefusal.InvalidJobStateOtherWording, "INVALIDJOBSTATE")]
    [InlineData(V2StateChangeRefusal.ApiError, "API_ERROR")]
    public async Task AbortJobAsync_CompletedQueryJob_RefusalStandsWithSalesforcesCode(V2StateChangeRefusal variant, string code)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { V2StateChangeRefusal = variant }));
        var created = await h.CreateV2QueryJobAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.AbortJobAsync(created.Id, new CloseJobOptions { Api = BulkApi.V2 }, Ct));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(BulkJobState.JobComplete, (await h.Client.GetJobAsync(created.Id, BulkApi.V2, Ct)).State);
    }

    [Theory]
    [InlineData(CloseByOtherUser.InvalidUser)]
    [InlineData(CloseByOtherUser.InvalidJob)]
    [InlineData(CloseByOtherUser.InvalidJobState)]
    public async Task CloseJobAsync_AnotherUsersV1Job_RefusalStandsNotNoSuchJob(CloseByOtherUser variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { CloseByOtherUser = variant }));
        var id = await SeedOtherUsersJobAsync(h);

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, cancellationToken: Ct));

        Assert.Equal(variant.ToString(), error.ErrorCode);
        Assert.Contains("created the job", error.Message, StringComparison.Ordinal);
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(id, BulkApi.V1, Ct)).State);
    }

    [Theory]
    [InlineData(CloseByOtherUser.InvalidUser)]
    [InlineData(CloseByOtherUser.InvalidJob)]
    [InlineData(CloseByOtherUser.InvalidJobState)]
    public async Task AbortJobAsync_AnotherUsersV1Job_Aborts(CloseByOtherUser variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { CloseByOtherUser = variant }));
        var id = await SeedOtherUsersJobAsync(h);

        var result = await h.Client.AbortJobAsync(id, cancellationToken: Ct);

        Assert.Equal(CloseOutcome.Aborted, result.Outcome);
    }

    [Theory]
    [InlineData(CloseByOtherUser.InvalidUser)]
    [InlineData(CloseByOtherUser.InvalidJob)]
    [InlineData(CloseByOtherUser.InvalidJobState)]
    public async Task CloseJobAsync_AnotherUsersV2Job_RefusalStandsInTwoSpelling(CloseByOtherUser variant)
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { CloseByOtherUser = variant }));
        var id = await SeedAsync(h, "_emulator/jobs/v2", """{"count":1,"createdBy":"integration@sfbulk.test"}""");

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(id, cancellationToken: Ct));

        Assert.Equal(variant.ToString().ToUpperInvariant(), error.ErrorCode);
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(id, BulkApi.V2, Ct)).State);
    }

    [Fact]
    public async Task CloseJobAsync_V2JobWithTwoUploads_RefusalStands()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs(emulator: o => o.Variants = new EmulatorVariants { MultipleUploads = MultipleUploads.InvalidJob }));
        var created = await h.CreateV2IngestJobAsync();
        await h.UploadAsync(created.Id);
        await h.UploadAsync(created.Id);

        var error = await Assert.ThrowsAsync<SalesforceRestException>(() => h.Client.CloseJobAsync(created.Id, cancellationToken: Ct));

        Assert.Equal("INVALIDJOB", error.ErrorCode);
        Assert.Equal(BulkJobState.Open, (await h.Client.GetJobAsync(created.Id, BulkApi.V2, Ct)).State);
    }

    private static Task<string> SeedOtherUsersJobAsync(TestEmulator emulator) =>
        SeedAsync(emulator, "_emulator/jobs/classic", """{"count":1,"createdBy":"integration@sfbulk.test"}""");

    private static async Task<string> SeedAsync(TestEmulator emulator, string path, string body)
    {
        using var response = await emulator.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        return json.RootElement[0].GetString()!;
    }
}
