using System.Globalization;
using System.Text;

namespace SfBulk.Benchmarks;

/// <summary>
/// The bodies the benchmarks parse: a JobInfo and a BatchInfo as the Bulk API Developer Guide prints them (the same
/// documented payloads as the library's wire tests), and batch lists of any length built from that BatchInfo.
/// </summary>
internal static class Payloads
{
    public const string JobInfoXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <jobInfo
           xmlns="http://www.force.com/2009/06/asyncapi/dataload">
         <id>750D0000000002lIAA</id>
         <operation>insert</operation>
         <object>Account</object>
         <createdById>005D0000001ALVFIA4</createdById>
         <createdDate>2009-04-14T18:15:59.000Z</createdDate>
         <systemModstamp>2009-04-14T18:15:59.000Z</systemModstamp>
         <state>Closed</state>
         <concurrencyMode>Parallel</concurrencyMode>
         <contentType>XML</contentType>
         <numberBatchesQueued>0</numberBatchesQueued>
         <numberBatchesInProgress>0</numberBatchesInProgress>
         <numberBatchesCompleted>1</numberBatchesCompleted>
         <numberBatchesFailed>0</numberBatchesFailed>
         <numberBatchesTotal>1</numberBatchesTotal>
         <numberRecordsProcessed>2</numberRecordsProcessed>
         <numberRetries>0</numberRetries>
         <apiVersion>36.0</apiVersion>
         <numberRecordsFailed>0</numberRecordsFailed>
         <totalProcessingTime>3647</totalProcessingTime>
         <apiActiveProcessingTime>2136</apiActiveProcessingTime>
         <apexProcessingTime>0</apexProcessingTime>
        </jobInfo>
        """;

    public const string JobInfoJson = """
        {
           "apexProcessingTime" : 0,
           "apiActiveProcessingTime" : 5059,
           "apiVersion" : 36.0,
           "concurrencyMode" : "Parallel",
           "contentType" : "JSON",
           "createdById" : "005xx000001SyhGAAS",
           "createdDate" : "2015-11-19T01:45:03.000+0000",
           "id" : "750xx000000000GAAQ",
           "numberBatchesCompleted" : 10,
           "numberBatchesFailed" : 0,
           "numberBatchesInProgress" : 0,
           "numberBatchesQueued" : 0,
           "numberBatchesTotal" : 10,
           "numberRecordsFailed" : 0,
           "numberRecordsProcessed" : 100,
           "numberRetries" : 0,
           "object" : "Account",
           "operation" : "insert",
           "state" : "Closed",
           "systemModstamp" : "2015-11-19T01:45:03.000+0000",
           "totalProcessingTime" : 5759
        }
        """;

    public const string BatchInfoXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <batchInfo
          xmlns="http://www.force.com/2009/06/asyncapi/dataload">
            <id>751x00000000079AAA</id>
            <jobId>750x00000000014</jobId>
            <state>Queued</state>
            <createdDate>2009-09-01T17:44:45.000Z</createdDate>
            <systemModstamp>2009-09-01T17:44:45.000Z</systemModstamp>
            <numberRecordsProcessed>0</numberRecordsProcessed>
            <numberRecordsFailed>0</numberRecordsFailed>
            <totalProcessingTime>0</totalProcessingTime>
            <apiActiveProcessingTime>0</apiActiveProcessingTime>
            <apexProcessingTime>0</apexProcessingTime>
        </batchInfo>
        """;

    public const string BatchInfoJson = """
        {
           "apexProcessingTime" : 0,
           "apiActiveProcessingTime" : 0,
           "createdDate" : "2015-12-15T21:56:43.000+0000",
           "id" : "751D00000004YGZIA2",
           "jobId" : "750D00000004SkVIAU",
           "numberRecordsFailed" : 0,
           "numberRecordsProcessed" : 0,
           "state" : "Queued",
           "systemModstamp" : "2015-12-15T21:56:43.000+0000",
           "totalProcessingTime" : 0
        }
        """;

    /// <summary>A <c>batchInfoList</c> of <paramref name="count"/> completed PK-chunk batches.</summary>
    public static byte[] BatchListXml(int count)
    {
        var b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><batchInfoList xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">");
        for (var i = 0; i < count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"""
                 <batchInfo>
                  <id>751D0000000{i:D4}IAE</id>
                  <jobId>750D00000004T5OIAU</jobId>
                  <state>Completed</state>
                  <createdDate>2011-03-10T00:59:47.000Z</createdDate>
                  <systemModstamp>2011-03-10T01:00:19.000Z</systemModstamp>
                  <numberRecordsProcessed>100000</numberRecordsProcessed>
                  <numberRecordsFailed>0</numberRecordsFailed>
                  <totalProcessingTime>1000</totalProcessingTime>
                  <apiActiveProcessingTime>1000</apiActiveProcessingTime>
                  <apexProcessingTime>0</apexProcessingTime>
                 </batchInfo>
                """);
        }

        return Encoding.UTF8.GetBytes(b.Append("</batchInfoList>").ToString());
    }

    /// <summary>The JSON form of <see cref="BatchListXml"/>: <c>{"batchInfo":[…]}</c>.</summary>
    public static byte[] BatchListJson(int count)
    {
        var b = new StringBuilder("{\"batchInfo\":[");
        for (var i = 0; i < count; i++)
        {
            b.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""
                {"apexProcessingTime":0,"apiActiveProcessingTime":1000,"createdDate":"2011-03-10T00:59:47.000+0000","id":"751D0000000{{i:D4}}IAE","jobId":"750D00000004T5OIAU","numberRecordsFailed":0,"numberRecordsProcessed":100000,"state":"Completed","systemModstamp":"2011-03-10T01:00:19.000+0000","totalProcessingTime":1000}
                """);
        }

        return Encoding.UTF8.GetBytes(b.Append("]}").ToString());
    }
}
