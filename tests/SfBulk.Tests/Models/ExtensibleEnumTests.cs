using SfBulk.Models;

namespace SfBulk.Tests.Models;

public class ExtensibleEnumTests
{
    [Theory]
    [InlineData("Open")]
    [InlineData("Closed")]
    [InlineData("Aborted")]
    [InlineData("Failed")]
    [InlineData("UploadComplete")]
    [InlineData("InProgress")]
    [InlineData("JobComplete")]
    public void BulkJobState_WellKnown_SpelledAsOnWire(string wire)
    {
        var known = new[]
        {
            BulkJobState.Open, BulkJobState.Closed, BulkJobState.Aborted, BulkJobState.Failed,
            BulkJobState.UploadComplete, BulkJobState.InProgress, BulkJobState.JobComplete,
        };

        Assert.Contains(new BulkJobState(wire), known);
    }

    [Fact]
    public void BatchState_NotProcessed_HasNoSpace()
    {
        Assert.Equal("NotProcessed", BatchState.NotProcessed.ToString());
        Assert.NotEqual(BatchState.NotProcessed, new BatchState("Not Processed"));
    }

    [Fact]
    public void Equality_DifferentCase_NotEqualAndHashesFollowEquals()
    {
        BulkJobState lower = "closed";

        Assert.NotEqual(BulkJobState.Closed, lower);
        Assert.True(BulkJobState.Closed == new BulkJobState("Closed"));
        Assert.Equal(BulkJobState.Closed.GetHashCode(), new BulkJobState("Closed").GetHashCode());
    }

    [Fact]
    public void Unknown_Value_KeptAsSent()
    {
        BulkJobState future = "Paused";

        Assert.Equal("Paused", future.ToString());
        Assert.Equal(string.Empty, default(BulkJobState).ToString());
    }

    [Fact]
    public void WireSpellings_OtherTypes_AsOnWire()
    {
        Assert.Equal("hardDelete", JobOperation.HardDelete.ToString());
        Assert.Equal("queryAll", JobOperation.QueryAll.ToString());
        Assert.Equal("ZIP_JSON", JobContentType.ZipJson.ToString());
        Assert.Equal("V2Ingest", BulkJobType.V2Ingest.ToString());
        Assert.Equal("BigObjectIngest", BulkJobType.BigObjectIngest.ToString());
        Assert.Equal("Serial", ConcurrencyMode.Serial.ToString());
        Assert.Equal("NotProcessed", BatchState.NotProcessed.ToString());
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new BulkJobState(null!));
    }
}
