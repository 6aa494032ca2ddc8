using System.Text;
using System.Text.Json;
using SfBulk.Models;

namespace SfBulk.Tests.Models;

public class BatchInfoTests
{
    [Fact]
    public void WriteJsonProperties_FailedBatch_SalesforceNamesInSalesforceOrder()
    {
        var at = new DateTimeOffset(2026, 1, 31, 12, 0, 0, 250, TimeSpan.FromHours(1));
        var batch = SfBulkModelFactory.BatchInfo(
            state: BatchState.Failed, stateMessage: "InvalidBatch : Failed to process query", createdDate: at, systemModstamp: at.AddSeconds(3),
            numberRecordsProcessed: 7, numberRecordsFailed: 2, totalProcessingTime: 40, apiActiveProcessingTime: 30, apexProcessingTime: 5);

        Assert.Equal(
            """{"id":"751D0000000004rIAA","jobId":"750D0000000002lIAA","state":"Failed","stateMessage":"InvalidBatch : Failed to process query","createdDate":"2026-01-31T11:00:00.250Z","systemModstamp":"2026-01-31T11:00:03.250Z","numberRecordsProcessed":7,"numberRecordsFailed":2,"totalProcessingTime":40,"apiActiveProcessingTime":30,"apexProcessingTime":5}""",
            Write(batch));
    }

    [Fact]
    public void WriteJsonProperties_NoStateMessage_LeavesItOut()
    {
        var json = Write(SfBulkModelFactory.BatchInfo(state: BatchState.Completed));

        Assert.DoesNotContain("stateMessage", json, StringComparison.Ordinal);
        Assert.StartsWith("""{"id":"751D0000000004rIAA","jobId":"750D0000000002lIAA","state":"Completed","createdDate":""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJsonProperties_NoWriter_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentNullException>(() => SfBulkModelFactory.BatchInfo().WriteJsonProperties(null!));

        Assert.Equal("writer", e.ParamName);
    }

    private static string Write(BatchInfo batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            batch.WriteJsonProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
