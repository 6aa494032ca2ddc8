using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class JobPageWireTests
{
    [Fact]
    public void Parse_DocPage_ReadsRecordsAndNextUrl()
    {
        var page = JobPageWire.Parse(Fixture.Bytes("v2-get-all-jobs-page.json"));

        Assert.False(page.Done);
        Assert.Equal("/services/data/v66.0/jobs/ingest?queryLocator=01gR0000000opRTIAY-2000", page.NextRecordsUrl);
        Assert.Equal(2, page.Records.Count);
        Assert.Equal("750R0000000zlh9IAA", page.Records[0].Id);
        Assert.Equal(BulkJobType.V2Ingest, page.Records[0].JobType);
        Assert.Equal("services/data/v66.0/jobs/ingest/750R0000000zlh9IAA/batches", page.Records[0].ContentUrl);
        Assert.Equal(BulkJobType.Classic, page.Records[1].JobType);
        Assert.Equal(JobOperation.Query, page.Records[1].Operation);
        Assert.Equal(36.0m, page.Records[1].ApiVersion);
    }

    [Fact]
    public void Parse_LastPage_DoneWithoutNextUrl()
    {
        var page = JobPageWire.Parse("{\"done\":true,\"records\":[],\"nextRecordsUrl\":null}"u8.ToArray());

        Assert.True(page.Done);
        Assert.Null(page.NextRecordsUrl);
        Assert.Empty(page.Records);
    }

    [Fact]
    public void Parse_NotDoneWithoutNextUrl_ThrowsInvalidResponse()
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobPageWire.Parse("{\"done\":false,\"records\":[]}"u8.ToArray()));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
    }

    [Fact]
    public void Parse_ErrorArray_ThrowsSalesforceError()
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobPageWire.Parse(Fixture.Bytes("v2-abort-error.json")));

        Assert.Equal("INVALIDJOBSTATE", e.ErrorCode);
    }
}
