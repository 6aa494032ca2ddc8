using System.Text;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class BatchInfoWireTests
{
    [Fact]
    public void Parse_DocBatchInfo_ReadsEveryField()
    {
        var batch = BatchInfoWire.Parse(Fixture.Bytes("batch-info.xml"));

        Assert.Equal("751x00000000079AAA", batch.Id);
        Assert.Equal("750x00000000014", batch.JobId);
        Assert.Equal(BatchState.Queued, batch.State);
        Assert.Null(batch.StateMessage);
        Assert.Equal(new DateTimeOffset(2009, 9, 1, 17, 44, 45, TimeSpan.Zero), batch.CreatedDate);
        Assert.Equal(new DateTimeOffset(2009, 9, 1, 17, 44, 45, TimeSpan.Zero), batch.SystemModstamp);
        Assert.Equal(0L, batch.NumberRecordsProcessed);
        Assert.Equal(0L, batch.NumberRecordsFailed);
        Assert.Equal(0L, batch.TotalProcessingTime);
        Assert.Equal(0L, batch.ApiActiveProcessingTime);
        Assert.Equal(0L, batch.ApexProcessingTime);
    }

    [Fact]
    public void ParseList_DocPkChunkedList_ReadsNotProcessedOriginalAndChunk()
    {
        var batches = BatchInfoWire.ParseList(Fixture.Bytes("batch-info-list-pk-chunked.xml"));

        Assert.Equal(2, batches.Count);
        Assert.Equal("751D00000004YjwIAE", batches[0].Id);
        Assert.Equal("750D00000004T5OIAU", batches[0].JobId);
        Assert.Equal(BatchState.NotProcessed, batches[0].State);
        Assert.Equal("NotProcessed", batches[0].State.ToString());
        Assert.Equal(new DateTimeOffset(2011, 3, 10, 0, 59, 47, TimeSpan.Zero), batches[0].CreatedDate);
        Assert.Equal(new DateTimeOffset(2011, 3, 10, 1, 0, 19, TimeSpan.Zero), batches[0].SystemModstamp);
        Assert.Equal("751D00000004Yk1IAE", batches[1].Id);
        Assert.Equal(BatchState.Completed, batches[1].State);
        Assert.Equal(100000L, batches[1].NumberRecordsProcessed);
        Assert.Equal(1000L, batches[1].TotalProcessingTime);
        Assert.Equal(1000L, batches[1].ApiActiveProcessingTime);
    }

    [Fact]
    public void ParseList_JsonShape_ReadsBatches()
    {
        var json = """
            {"batchInfo":[{"id":"751D00000004YjwIAE","jobId":"750D00000004T5OIAU","state":"Failed","stateMessage":"boom",
              "createdDate":"2011-03-10T00:59:47.000+0000","systemModstamp":"2011-03-10T01:00:19.000+0000",
              "numberRecordsProcessed":0,"numberRecordsFailed":0,"totalProcessingTime":0,"apiActiveProcessingTime":0,
              "apexProcessingTime":0}]}
            """;

        var batches = BatchInfoWire.ParseList(Encoding.UTF8.GetBytes(json));

        var batch = Assert.Single(batches);
        Assert.Equal(BatchState.Failed, batch.State);
        Assert.Equal("boom", batch.StateMessage);
        Assert.Equal(new DateTimeOffset(2011, 3, 10, 1, 0, 19, TimeSpan.Zero), batch.SystemModstamp);
    }

    [Fact]
    public void ParseList_EmptyList_ReturnsEmpty()
    {
        var xml = "<batchInfoList xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"/>"u8.ToArray();

        Assert.Empty(BatchInfoWire.ParseList(xml));
        Assert.Empty(BatchInfoWire.ParseList("{\"batchInfo\":[]}"u8.ToArray()));
    }

    [Fact]
    public void ParseList_ErrorDocument_ThrowsSalesforceError()
    {
        var e = Assert.Throws<SalesforceRestException>(() => BatchInfoWire.ParseList(Fixture.Bytes("error-invalid-session.xml")));

        Assert.Equal("InvalidSessionId", e.ErrorCode);
    }

    [Fact]
    public void Parse_GarbageCount_ThrowsInvalidResponse()
    {
        var xml = "<batchInfo><id>751D00000004YjwIAE</id><state>Queued</state><numberRecordsProcessed>1e9</numberRecordsProcessed></batchInfo>"u8.ToArray();

        var e = Assert.Throws<SalesforceRestException>(() => BatchInfoWire.Parse(xml));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Contains("numberRecordsProcessed", e.Message, StringComparison.Ordinal);
    }
}
