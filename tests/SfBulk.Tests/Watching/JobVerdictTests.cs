using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

public sealed class JobVerdictTests
{
    private static JobInfo V1(int total, int queued = 0, int inProgress = 0, int completed = 0, int failed = 0, string state = "Open", string operation = "query") =>
        SfBulkModelFactory.JobInfo(
            operation: new JobOperation(operation),
            state: new BulkJobState(state),
            numberBatchesTotal: total,
            numberBatchesQueued: queued,
            numberBatchesInProgress: inProgress,
            numberBatchesCompleted: completed,
            numberBatchesFailed: failed);

    [Fact]
    public void Judge_ChunkedJobAllChunksDone_IsDoneAlthoughTotalExceedsCompletedPlusFailed()
    {
        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge(V1(total: 41, completed: 39, failed: 1), isV1: true));
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(41, 36, 4)]
    [InlineData(0, 0, 0)]
    public void Judge_SomethingPendingOrNoBatches_IsRunning(int total, int queued, int inProgress)
    {
        Assert.Equal(JobVerdict.Running, JobVerdicts.Judge(V1(total, queued, inProgress), isV1: true));
    }

    [Fact]
    public void Judge_OnlyNotProcessedOrAFailedQueryBatch_AsksForTheBatchList()
    {
        Assert.Equal(JobVerdict.NeedsBatchList, JobVerdicts.Judge(V1(total: 1), isV1: true));
        Assert.Equal(JobVerdict.NeedsBatchList, JobVerdicts.Judge(V1(total: 1, failed: 1), isV1: true));
        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge(V1(total: 1, failed: 1, operation: "insert"), isV1: true));
    }

    [Fact]
    public void Judge_BatchList_TellsChunkingFailureFromOtherEnds()
    {
        var failedOriginal = SfBulkModelFactory.BatchInfo(state: BatchState.Failed, stateMessage: "InvalidBatch : Failed to process query: PK chunking is not supported for the object X");
        var notProcessed = SfBulkModelFactory.BatchInfo(state: BatchState.NotProcessed);
        var running = SfBulkModelFactory.BatchInfo(state: BatchState.InProgress, createdDate: DateTimeOffset.UnixEpoch.AddSeconds(1));

        Assert.Equal(JobVerdict.ChunkingFailed, JobVerdicts.Judge([failedOriginal]));
        Assert.Equal(JobVerdict.Running, JobVerdicts.Judge([notProcessed, running]));
    }

    [Fact]
    public void Judge_BatchListOfTheOriginalOnlyNotProcessed_IsStillRunningNotDone()
    {
        // Salesforce marks the original NotProcessed; its chunk batches may not be listed yet.
        var original = SfBulkModelFactory.BatchInfo(state: BatchState.NotProcessed);
        var chunk = SfBulkModelFactory.BatchInfo(state: BatchState.Completed, createdDate: DateTimeOffset.UnixEpoch.AddSeconds(1));

        Assert.Equal(JobVerdict.Running, JobVerdicts.Judge([original]));
        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge([original, chunk]));
    }

    [Theory]
    [InlineData("Aborted", "Aborted")]
    [InlineData("Failed", "Failed")]
    [InlineData("JobComplete", "Done")]
    [InlineData("Open", "WaitingForUpload")]
    [InlineData("UploadComplete", "Running")]
    [InlineData("InProgress", "Running")]
    public void Judge_V2States(string state, string expected)
    {
        Assert.Equal(Enum.Parse<JobVerdict>(expected), JobVerdicts.Judge(V1(0, state: state), isV1: false));
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        using var connection = SalesforceConnection.FromExternalSession(new Uri("https://example.my.salesforce.com"), "00D!session");
        var client = new BulkJobClient(connection);
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobWatcher(client, new WatchOptions { MaxInterval = TimeSpan.FromMilliseconds(10) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobWatcher(client, new WatchOptions { MaxCalls = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobWatcher(client, new WatchOptions { Jitter = 0.9 }));
    }
}
