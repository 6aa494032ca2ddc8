using System.Text.Json;
using SfBulk.Activity;
using SfBulk.Tests.Jobs;

namespace SfBulk.Tests.Activity;

public class CloseJobActivityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_SharedConnectionAbortedState_ReturnsReferenceDocument()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var job = await h.CreateV1JobAsync();
        var activity = new CloseJobActivity(h.Connection);

        var output = await activity.ExecuteAsync(new CloseJobInput { CloseJob = new CloseJob { JobId = job.Id, State = "aborted" } }, Ct);

        Assert.Equal(job.Id, output.CloseJobResult.JobId);
        Assert.Equal("Aborted", output.CloseJobResult.State);
        Assert.Equal(job.CreatedDate, output.CloseJobResult.CreatedByDate);
        using var json = JsonDocument.Parse(CloseJobDocuments.WriteOutputJson(output));
        var result = json.RootElement.GetProperty("CloseJobResult");
        Assert.Equal("Aborted", result.GetProperty("state").GetString());
        Assert.True(result.TryGetProperty("createdByDate", out _));
        Assert.Equal(JsonValueKind.Number, result.GetProperty("apiVersion").ValueKind);
        var xml = System.Xml.Linq.XElement.Parse(CloseJobDocuments.WriteOutputXml(output));
        Assert.Equal(job.Id, xml.Element("CloseJobResult")!.Element("jobId")!.Value);
    }

    [Fact]
    public async Task ExecuteAsync_NoConnectionAndNoSession_ThrowsConnectionNotFound()
    {
        var activity = new CloseJobActivity(null);

        await Assert.ThrowsAsync<SalesforceConnectionNotFoundException>(() =>
            activity.ExecuteAsync(new CloseJobInput { CloseJob = new CloseJob { JobId = "750D0000000002lIAA" } }, Ct));
    }

    [Theory]
    [InlineData("751D0000000004rIAA", "Closed")]
    [InlineData("750D0000000002lIAA", "Deleted")]
    public async Task ExecuteAsync_InvalidInput_ThrowsRestExceptionInvalidArgument(string jobId, string state)
    {
        var activity = new CloseJobActivity(null);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() =>
            activity.ExecuteAsync(new CloseJobInput { CloseJob = new CloseJob { JobId = jobId, State = state } }, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
    }

    [Fact]
    public async Task ExecuteAsync_ExternalSessionInvalid_ThrowsLoginException()
    {
        await using var h = await TestEmulator.StartAsync(TestSettings.Jobs());
        var job = await h.CreateV1JobAsync();
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput
        {
            CloseJobConnection = new CloseJobConnection { ServerUrl = h.BaseUri.ToString(), SessionId = "00Dxx0000000000!bogus", ExternalSessionIdUsed = true },
            CloseJob = new CloseJob { JobId = job.Id, State = "Closed" },
        };

        var e = await Assert.ThrowsAsync<SalesforceLoginException>(() => activity.ExecuteAsync(input, Ct));

        Assert.DoesNotContain("bogus", e.Message, StringComparison.Ordinal);
        Assert.Equal("SalesforceLoginException", CloseJobActivity.ToFault(e).FaultType);
    }

    [Fact]
    public void ReadInputJson_ReferenceShape_ReadsEveryField()
    {
        var input = CloseJobDocuments.ReadInputJson("""
            {"CloseJobConnection":{"ServerUrl":"https://x.my.salesforce.com","SessionId":"s","ExternalSessionIdUsed":true},
             "CloseJob":{"jobId":"750D0000000002lIAA","state":"Aborted"},"CloseJobOptional":{"timeout":30000}}
            """);

        Assert.Equal("https://x.my.salesforce.com", input.CloseJobConnection!.ServerUrl);
        Assert.True(input.CloseJobConnection.ExternalSessionIdUsed);
        Assert.Equal("750D0000000002lIAA", input.CloseJob.JobId);
        Assert.Equal("Aborted", input.CloseJob.State);
        Assert.Equal(30000, input.CloseJobOptional!.Timeout);
        Assert.DoesNotContain("s,", input.CloseJobConnection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInputXml_ReferenceShape_ReadsEveryField()
    {
        var input = CloseJobDocuments.ReadInputXml("""
            <input><CloseJob><jobId>750D0000000002lIAA</jobId><state>Closed</state></CloseJob>
            <CloseJobOptional><timeout>500</timeout></CloseJobOptional></input>
            """);

        Assert.Null(input.CloseJobConnection);
        Assert.Equal("750D0000000002lIAA", input.CloseJob.JobId);
        Assert.Equal(500, input.CloseJobOptional!.Timeout);
    }

    [Theory]
    [InlineData("{\"CloseJob\":{\"jobId\":1},\"CloseJobOptional\":{\"timeout\":\"soon\"}}")]
    [InlineData("{\"CloseJob\":")]
    public void ReadInputJson_Invalid_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => CloseJobDocuments.ReadInputJson(json));
    }

    [Fact]
    public void WriteFaultJson_RestException_NamesTypeCodeAndStatus()
    {
        var fault = CloseJobActivity.ToFault(new SalesforceRestException("InvalidJobState: x", "InvalidJobState", System.Net.HttpStatusCode.BadRequest, "POST", null));

        using var json = JsonDocument.Parse(CloseJobDocuments.WriteFaultJson(fault));
        var f = json.RootElement.GetProperty("fault");
        Assert.Equal("SalesforceRestException", f.GetProperty("type").GetString());
        Assert.Equal("InvalidJobState", f.GetProperty("errorCode").GetString());
        Assert.Equal(400, f.GetProperty("statusCode").GetInt32());
        Assert.Contains("<type>SalesforceRestException</type>", CloseJobDocuments.WriteFaultXml(fault), StringComparison.Ordinal);
    }
}
