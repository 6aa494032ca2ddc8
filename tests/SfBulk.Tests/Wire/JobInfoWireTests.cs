using System.Text;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class JobInfoWireTests
{
    [Fact]
    public void ParseXml_DocCloseResponse_ReadsEveryField()
    {
        var job = JobInfoWire.ParseXml(Fixture.Bytes("close-job-response.xml"));

        Assert.Equal("750D0000000002lIAA", job.Id);
        Assert.Equal(JobOperation.Insert, job.Operation);
        Assert.Equal("Account", job.Object);
        Assert.Equal("005D0000001ALVFIA4", job.CreatedById);
        Assert.Equal(new DateTimeOffset(2009, 4, 14, 18, 15, 59, TimeSpan.Zero), job.CreatedDate);
        Assert.Equal(new DateTimeOffset(2009, 4, 14, 18, 15, 59, TimeSpan.Zero), job.SystemModstamp);
        Assert.Equal(BulkJobState.Closed, job.State);
        Assert.Null(job.ExternalIdFieldName);
        Assert.Equal(ConcurrencyMode.Parallel, job.ConcurrencyMode);
        Assert.Equal(JobContentType.Xml, job.ContentType);
        Assert.Equal(0, job.NumberBatchesQueued);
        Assert.Equal(0, job.NumberBatchesInProgress);
        Assert.Equal(1, job.NumberBatchesCompleted);
        Assert.Equal(0, job.NumberBatchesFailed);
        Assert.Equal(1, job.NumberBatchesTotal);
        Assert.Equal(2L, job.NumberRecordsProcessed);
        Assert.Equal(0, job.NumberRetries);
        Assert.Equal(36.0m, job.ApiVersion);
        Assert.Equal("36.0", job.ApiVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(job.AssignmentRuleId);
        Assert.Equal(0L, job.NumberRecordsFailed);
        Assert.Equal(3647L, job.TotalProcessingTime);
        Assert.Equal(2136L, job.ApiActiveProcessingTime);
        Assert.Equal(0L, job.ApexProcessingTime);
        Assert.Null(job.FastPathEnabled);
        Assert.Null(job.JobType);
    }

    [Fact]
    public void ParseXml_DocAbortResponse_ReadsAbortedState()
    {
        var job = JobInfoWire.ParseXml(Fixture.Bytes("abort-job-response.xml"));

        Assert.Equal(BulkJobState.Aborted, job.State);
        Assert.Equal(new DateTimeOffset(2009, 4, 14, 18, 16, 0, TimeSpan.Zero), job.SystemModstamp);
    }

    [Fact]
    public void ParseJson_DocCloseResponse_ReadsEveryField()
    {
        var job = JobInfoWire.ParseJson(Fixture.Bytes("close-job-response.json"));

        Assert.Equal("750xx000000000GAAQ", job.Id);
        Assert.Equal(JobOperation.Insert, job.Operation);
        Assert.Equal("Account", job.Object);
        Assert.Equal("005xx000001SyhGAAS", job.CreatedById);
        Assert.Equal(new DateTimeOffset(2015, 11, 19, 1, 45, 3, TimeSpan.Zero), job.CreatedDate);
        Assert.Equal(new DateTimeOffset(2015, 11, 19, 1, 45, 3, TimeSpan.Zero), job.SystemModstamp);
        Assert.Equal(BulkJobState.Closed, job.State);
        Assert.Equal(ConcurrencyMode.Parallel, job.ConcurrencyMode);
        Assert.Equal(JobContentType.Json, job.ContentType);
        Assert.Equal(10, job.NumberBatchesCompleted);
        Assert.Equal(10, job.NumberBatchesTotal);
        Assert.Equal(0, job.NumberBatchesQueued);
        Assert.Equal(0, job.NumberBatchesInProgress);
        Assert.Equal(0, job.NumberBatchesFailed);
        Assert.Equal(100L, job.NumberRecordsProcessed);
        Assert.Equal(0L, job.NumberRecordsFailed);
        Assert.Equal(0, job.NumberRetries);
        Assert.Equal("36.0", job.ApiVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5759L, job.TotalProcessingTime);
        Assert.Equal(5059L, job.ApiActiveProcessingTime);
        Assert.Equal(0L, job.ApexProcessingTime);
    }

    [Fact]
    public void Parse_EitherDialect_PicksByContent()
    {
        Assert.Equal("750D0000000002lIAA", JobInfoWire.Parse(Fixture.Bytes("close-job-response.xml")).Id);
        Assert.Equal("750xx000000000GAAQ", JobInfoWire.Parse(Fixture.Bytes("close-job-response.json")).Id);
    }

    [Fact]
    public void ParseXml_ElementsReorderedAndUnknown_ReadsFields()
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload">
              <apiVersion>66.0</apiVersion>
              <futureField><nested>1</nested></futureField>
              <state>Open</state>
              <newScalar>x</newScalar>
              <id>750D0000000002lIAA</id>
              <fastPathEnabled>false</fastPathEnabled>
            </jobInfo>
            """;

        var job = JobInfoWire.ParseXml(Encoding.UTF8.GetBytes(xml));

        Assert.Equal("750D0000000002lIAA", job.Id);
        Assert.Equal(BulkJobState.Open, job.State);
        Assert.Equal(66.0m, job.ApiVersion);
        Assert.False(job.FastPathEnabled);
    }

    [Fact]
    public void ParseXml_TextInPiecesNilEmptyAndNested_ReadsEachLikeItsText()
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <id>750D0000000002lIAA</id>
              <object>Acc<!-- split by a comment -->ount<![CDATA[_Ext__c]]></object>
              <state>Op&#101;n</state>
              <externalIdFieldName xsi:nil="true"/>
              <assignmentRuleId></assignmentRuleId>
              <createdById>005D0000001ALVFIA4<extra>x</extra></createdById>
              <contentType xsi:nil="true">CSV</contentType>
            </jobInfo>
            """;

        var job = JobInfoWire.ParseXml(Encoding.UTF8.GetBytes(xml));

        Assert.Equal("Account_Ext__c", job.Object);
        Assert.Equal(BulkJobState.Open, job.State);
        Assert.Null(job.ExternalIdFieldName);
        Assert.Equal(string.Empty, job.AssignmentRuleId);
        Assert.Equal(string.Empty, job.CreatedById); // an element holding elements is not a value
        Assert.Null(job.ContentType);
    }

    [Fact]
    public void Parse_TwoJobsOfOneObject_ShareTheRepeatedValuesNotTheIds()
    {
        var first = JobInfoWire.ParseXml(Fixture.Bytes("close-job-response.xml"));
        var second = JobInfoWire.ParseXml(Fixture.Bytes("close-job-response.xml"));

        Assert.Same(first.Object, second.Object);
        Assert.Same(first.CreatedById, second.CreatedById);
        Assert.Same(first.State.ToString(), second.State.ToString());
        Assert.NotSame(first.Id, second.Id);
        Assert.Equal(first, second);
    }

    [Fact]
    public void ParseJson_NullsUnknownAndNested_Tolerated()
    {
        var json = """
            {"id":"750D0000000002lIAA","state":"Open","assignmentRuleId":null,"externalIdFieldName":null,
             "fastPathEnabled":false,"extra":{"a":[1,2]},"list":[{"b":1}],"numberRetries":null,"apiVersion":"41.0"}
            """;

        var job = JobInfoWire.ParseJson(Encoding.UTF8.GetBytes(json));

        Assert.Null(job.AssignmentRuleId);
        Assert.Null(job.ExternalIdFieldName);
        Assert.False(job.FastPathEnabled);
        Assert.Equal(0, job.NumberRetries);
        Assert.Equal(41.0m, job.ApiVersion);
    }

    [Fact]
    public void ParseJson_Bulk2QueryJob_ReadsV2Fields()
    {
        var json = """
            {"id":"750R0000000zlh9IAA","operation":"query","object":"Account","createdById":"005xx000001SyhGAAS",
             "createdDate":"2022-01-02T21:33:43.000+0000","systemModstamp":"2022-01-02T21:33:44.000+0000",
             "state":"UploadComplete","concurrencyMode":"Parallel","contentType":"CSV","apiVersion":66.0,
             "jobType":"V2Query","lineEnding":"LF","columnDelimiter":"COMMA","numberRecordsProcessed":0,"retries":0,
             "totalProcessingTime":0,"isPkChunkingSupported":true,"query":"SELECT Id FROM Account","errorMessage":null}
            """;

        var job = JobInfoWire.ParseJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(BulkJobType.V2Query, job.JobType);
        Assert.Equal(BulkJobState.UploadComplete, job.State);
        Assert.Equal("LF", job.LineEnding);
        Assert.Equal("COMMA", job.ColumnDelimiter);
        Assert.Equal(0, job.Retries);
        Assert.True(job.IsPkChunkingSupported);
        Assert.Equal("SELECT Id FROM Account", job.Query);
        Assert.Null(job.ErrorMessage);
        Assert.Equal(new DateTimeOffset(2022, 1, 2, 21, 33, 44, TimeSpan.Zero), job.SystemModstamp);
    }

    [Theory]
    [InlineData("{\"id\":\"750D0000000002lIAA\",\"state\":\"Open\",\"numberBatchesTotal\":99999999999}", "numberBatchesTotal")]
    [InlineData("{\"id\":\"750D0000000002lIAA\",\"state\":\"Open\",\"numberRecordsProcessed\":\"lots\"}", "numberRecordsProcessed")]
    [InlineData("{\"id\":\"750D0000000002lIAA\",\"state\":\"Open\",\"createdDate\":\"yesterday\"}", "createdDate")]
    [InlineData("{\"id\":\"750D0000000002lIAA\",\"state\":\"Open\",\"fastPathEnabled\":\"maybe\"}", "fastPathEnabled")]
    [InlineData("{\"id\":\"750D0000000002lIAA\",\"state\":\"Open\",\"numberRetries\":1.5}", "numberRetries")]
    [InlineData("{\"state\":\"Open\"}", "'id'")]
    [InlineData("{\"id\":\"750D0000000002lIAA\"}", "'state'")]
    [InlineData("{\"id\":\"750D0000000002lIAA\",", "not valid JSON")]
    [InlineData("\"just a string\"", "neither XML nor JSON")]
    [InlineData("[1,2]", "JSON object")]
    public void ParseJson_BadValue_ThrowsInvalidResponseNamingIt(string json, string mention)
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseJson(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<jobInfo><id>750D0000000002lIAA</id><state>Open</state><numberBatchesTotal>-</numberBatchesTotal></jobInfo>")]
    [InlineData("<jobInfo><id>750D0000000002lIAA</id><state>Open</state>")]
    [InlineData("<batchInfo><id>751D0000000004rIAA</id></batchInfo>")]
    [InlineData("<!DOCTYPE jobInfo [<!ENTITY x \"y\">]><jobInfo><id>&x;</id><state>Open</state></jobInfo>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    public void ParseXml_Malformed_ThrowsInvalidResponse(string xml)
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseXml(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
    }

    [Fact]
    public void ParseXml_HtmlPage_ThrowsInvalidResponseSayingHtml()
    {
        var html = "<!DOCTYPE html><html><body>Maintenance</body></html>"u8.ToArray();

        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseXml(html));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Contains("HTML page", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseXml_JsonBody_ThrowsInvalidResponseNamingOtherDialect()
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseXml(Fixture.Bytes("close-job-response.json")));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Contains("the body is JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJson_XmlBody_ThrowsInvalidResponseNamingOtherDialect()
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseJson(Fixture.Bytes("close-job-response.xml")));

        Assert.Contains("the body is XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseXml_ErrorDocument_ThrowsSalesforceError()
    {
        var e = Assert.Throws<SalesforceRestException>(() => JobInfoWire.ParseXml(Fixture.Bytes("error-invalid-job.xml")));

        Assert.Equal("InvalidJob", e.ErrorCode);
        Assert.Contains("External ID was blank for Contact", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("close-job-response.xml")]
    [InlineData("close-job-response.json")]
    [InlineData("abort-job-response.xml")]
    public void Writers_RoundTripBothDialects_Equal(string fixture)
    {
        var job = JobInfoWire.Parse(Fixture.Bytes(fixture));

        Assert.Equal(job, JobInfoWire.ParseXml(JobInfoWriter.ToXml(job)));
        Assert.Equal(job, JobInfoWire.ParseJson(JobInfoWriter.ToJson(job)));
    }

    [Fact]
    public void ToXml_DocCloseResponse_SameElementOrderAsDoc()
    {
        var original = Fixture.Text("close-job-response.xml");
        var written = Encoding.UTF8.GetString(JobInfoWriter.ToXml(JobInfoWire.ParseXml(Fixture.Bytes("close-job-response.xml"))));

        static string[] Names(string xml) =>
            [.. System.Xml.Linq.XDocument.Parse(xml).Root!.Elements().Select(e => e.Name.LocalName)];

        Assert.Equal(Names(original), Names(written));
    }

    [Fact]
    public void ToJson_V2Job_RoundTripsEveryField()
    {
        var job = SfBulkModelFactory.JobInfo(
            jobType: BulkJobType.V2Query, state: BulkJobState.JobComplete, query: "SELECT Id FROM Account", retries: 2,
            isPkChunkingSupported: false, lineEnding: "CRLF", columnDelimiter: "TAB", errorMessage: "e", contentUrl: "u",
            fastPathEnabled: true, assignmentRuleId: "01Q000000000001", externalIdFieldName: "Ext__c", apiVersion: 66.0m,
            createdDate: new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));

        Assert.Equal(job, JobInfoWire.ParseJson(JobInfoWriter.ToJson(job)));
        Assert.Equal(job, JobInfoWire.ParseXml(JobInfoWriter.ToXml(job)));
    }
}
