using SfBulk.Models;

namespace SfBulk.Tests.Models;

public class JobInfoTests
{
    [Fact]
    public void ToString_ClassicJob_IsOneConciseLine()
    {
        var job = SfBulkModelFactory.JobInfo(state: BulkJobState.Closed, numberBatchesCompleted: 1, numberBatchesTotal: 1, numberRecordsProcessed: 2);

        Assert.Equal("750D0000000002lIAA insert Account Closed (batches 1/1 completed, 0 failed; records 2 processed, 0 failed)", job.ToString());
    }

    [Fact]
    public void Equality_SameFields_Equal()
    {
        Assert.Equal(SfBulkModelFactory.JobInfo(), SfBulkModelFactory.JobInfo());
        Assert.NotEqual(SfBulkModelFactory.JobInfo(), SfBulkModelFactory.JobInfo(state: BulkJobState.Closed));
    }

    [Fact]
    public void PublicProperties_HaveNoPublicSetters()
    {
        foreach (var type in new[] { typeof(JobInfo), typeof(BatchInfo), typeof(JobInfoPage), typeof(CloseJobResult) })
        {
            foreach (var property in type.GetProperties())
            {
                Assert.False(property.SetMethod?.IsPublic ?? false, $"{type.Name}.{property.Name} has a public setter.");
            }
        }
    }
}
