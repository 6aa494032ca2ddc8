using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Tests.Watching;

/// <summary>
/// The verdict on a finished job: a failed chunk is not a failed chunking (only the original, oldest batch decides,
/// in whatever order the list comes), and a query job whose batches all completed is done from its counts alone.
/// </summary>
public sealed class JobVerdictBatchOrderTests
{
    private static BatchInfo Batch(BatchState state, int secondsAfterTheOriginal) =>
        SfBulkModelFactory.BatchInfo(state: state, createdDate: DateTimeOffset.UnixEpoch.AddSeconds(secondsAfterTheOriginal));

    [Fact]
    public void Judge_OriginalNotProcessedAndALaterChunkFailed_IsDoneNotAChunkingFailure()
    {
        var original = Batch(BatchState.NotProcessed, 0);
        var completed = Batch(BatchState.Completed, 1);
        var failedChunk = Batch(BatchState.Failed, 2);

        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge([original, completed, failedChunk]));
        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge([failedChunk, completed, original]));
    }

    [Fact]
    public void Judge_OriginalFailedListedAfterLaterBatches_IsAChunkingFailure()
    {
        var original = Batch(BatchState.Failed, 0);
        var later = Batch(BatchState.Completed, 5);

        Assert.Equal(JobVerdict.ChunkingFailed, JobVerdicts.Judge([later, original]));
    }

    [Fact]
    public void Judge_QueryJobEveryBatchCompleted_IsDoneWithoutItsBatchList()
    {
        var job = SfBulkModelFactory.JobInfo(
            operation: JobOperation.Query,
            state: BulkJobState.Open,
            numberBatchesTotal: 2,
            numberBatchesCompleted: 2);

        Assert.Equal(JobVerdict.Done, JobVerdicts.Judge(job, isV1: true));
    }
}
