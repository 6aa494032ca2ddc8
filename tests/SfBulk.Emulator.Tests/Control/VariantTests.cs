using System.Net;
using SfBulk.Emulator.Fidelity;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Control;

/// <summary>The named variants for answers Salesforce does not document (docs/fidelity.md), and the sourced fixes.</summary>
public sealed class VariantTests
{
    private const string Ingest = "services/data/v66.0/jobs/ingest";

    [Fact]
    public async Task Variants_GetAndPut_ListAndChangeTheVariantsInForce()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var before = (await RawApi.SendAsync(f.Http, HttpMethod.Get, "_emulator/variants")).AssertStatus(HttpStatusCode.OK).Json;
        var after = (await RawApi.SendAsync(f.Http, HttpMethod.Put, "_emulator/variants", """{"v1RouteForV2Job":"NotFound","multipleUploads":"append"}""")).AssertStatus(HttpStatusCode.OK).Json;

        Assert.Equal("invalidJob", before.GetProperty("v1RouteForV2Job").GetString());
        Assert.Equal(["invalidJob", "jobInfo", "notFound"], before.GetProperty("values").GetProperty("v1RouteForV2Job").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("notFound", after.GetProperty("v1RouteForV2Job").GetString());
        Assert.Equal("append", after.GetProperty("multipleUploads").GetString());
        Assert.Equal("invalidUser", after.GetProperty("closeByOtherUser").GetString());
        Assert.Equal(V1RouteForV2Job.NotFound, f.Server.State.Variants.V1RouteForV2Job);
    }

    [Theory]
    [InlineData("""{"nope":"x"}""", "Unknown variant 'nope'")]
    [InlineData("""{"v1RouteForV2Job":"maybe"}""", "is not a value of v1RouteForV2Job")]
    [InlineData("""{"v1RouteForV2Job":"1"}""", "is not a value of v1RouteForV2Job")]
    [InlineData("""{"v1RouteForV2Job":3}""", "must be a string")]
    public async Task Variants_PutUnknownNameOrValue_400AndNothingChanges(string body, string message)
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var reply = (await RawApi.SendAsync(f.Http, HttpMethod.Put, "_emulator/variants", body)).AssertStatus(HttpStatusCode.BadRequest);

        Assert.Contains(message, reply.Body, StringComparison.Ordinal);
        Assert.Equal(new EmulatorVariants(), f.Server.State.Variants);
    }

    [Fact]
    public void Variants_TextForm_RoundTrips()
    {
        var variants = new EmulatorVariants().With("v1RouteForV2Job=jobInfo, v2StateChangeRefusal=apiError,closeByOtherUser=invalidJobState,multipleUploads=append");

        Assert.Equal(variants, new EmulatorVariants().With(variants.ToString()));
        Assert.Equal(V2StateChangeRefusal.ApiError, variants.V2StateChangeRefusal);
        Assert.Throws<FormatException>(() => new EmulatorVariants().With("v1RouteForV2Job"));
    }

    [Theory]
    [InlineData("invalidJob", HttpStatusCode.BadRequest, "InvalidJob")]
    [InlineData("notFound", HttpStatusCode.NotFound, "InvalidJob")]
    [InlineData("jobInfo", HttpStatusCode.OK, null)]
    public async Task V1Route_V2JobId_AnswersAsTheVariantSays(string variant, HttpStatusCode status, string? code)
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SetAsync(f, "v1RouteForV2Job", variant);
        var token = await f.LoginAsync();
        var id = await RawApi.CreateV2JobAsync(f.Http, token);

        var read = await RawApi.GetV1JobAsync(f.Http, token, id);
        var close = await RawApi.SetV1JobStateAsync(f.Http, token, id, "Closed");

        Assert.Equal(status, read.Status);
        Assert.Equal(status, close.Status);
        if (code is null)
        {
            Assert.Equal("Open", RawApi.XmlValue(read.Body, "state"));
            Assert.Equal("Open", RawApi.XmlValue(close.Body, "state"));
        }
        else
        {
            Assert.Contains($"<exceptionCode>{code}</exceptionCode>", read.Body, StringComparison.Ordinal);
        }

        Assert.Equal("Open", (await RawApi.GetV2JobAsync(f.Http, token, id)).Json.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("invalidJobState", "INVALIDJOBSTATE", "Closing already UploadComplete Job not allowed")]
    [InlineData("invalidJobStateOtherWording", "INVALIDJOBSTATE", "Job is in invalid state")]
    [InlineData("apiError", "API_ERROR", "Error encountered")]
    public async Task V2Patch_JobNoLongerOpen_RefusedAsTheVariantSays(string variant, string code, string words)
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SetAsync(f, "v2StateChangeRefusal", variant);
        var token = await f.LoginAsync();
        var id = await RawApi.CreateV2JobAsync(f.Http, token);
        using (await f.Http.SendAsync(HttpMethod.Patch, $"{Ingest}/{id}", token, "{\"state\":\"UploadComplete\"}"))
        {
        }

        using var again = await f.Http.SendAsync(HttpMethod.Patch, $"{Ingest}/{id}", token, "{\"state\":\"UploadComplete\"}");
        var body = await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains($"\"errorCode\":\"{code}\"", body, StringComparison.Ordinal);
        Assert.Contains(words, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalidUser", "InvalidUser")]
    [InlineData("invalidJob", "InvalidJob")]
    [InlineData("invalidJobState", "InvalidJobState")]
    public async Task V1Close_ByAnotherUser_RefusedWithTheVariantsCode(string variant, string code)
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SetAsync(f, "closeByOtherUser", variant);
        var owner = await f.LoginAsync();
        var id = await RawApi.CreateV1JobAsync(f.Http, owner);
        var other = await f.LoginAsync("integration@sfbulk.test");

        var close = await RawApi.SetV1JobStateAsync(f.Http, other, id, "Closed");
        var abort = await RawApi.SetV1JobStateAsync(f.Http, other, id, "Aborted");

        Assert.Equal(HttpStatusCode.BadRequest, close.Status);
        Assert.Contains($"<exceptionCode>{code}</exceptionCode>", close.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, abort.Status);
    }

    [Fact]
    public async Task V2UploadComplete_AfterTwoUploads_InvalidJobFoundMultipleContentsByDefault()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await f.LoginAsync();
        var id = await RawApi.CreateV2JobAsync(f.Http, token);
        (await f.Http.UploadCsvAsync($"{Ingest}/{id}/batches", token, "Name\nA\n")).Dispose();
        (await f.Http.UploadCsvAsync($"{Ingest}/{id}/batches", token, "Name\nB\n")).Dispose();

        using var close = await f.Http.SendAsync(HttpMethod.Patch, $"{Ingest}/{id}", token, "{\"state\":\"UploadComplete\"}");
        var body = await close.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, close.StatusCode);
        Assert.Contains("\"errorCode\":\"INVALIDJOB\"", body, StringComparison.Ordinal);
        Assert.Contains("Found multiple contents for job", body, StringComparison.Ordinal);
        Assert.Equal("Open", (await RawApi.GetV2JobAsync(f.Http, token, id)).Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task V2UploadComplete_AfterTwoUploadsWithAppend_ProcessesBoth()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await SetAsync(f, "multipleUploads", "append");
        var token = await f.LoginAsync();
        var id = await RawApi.CreateV2JobAsync(f.Http, token);
        (await f.Http.UploadCsvAsync($"{Ingest}/{id}/batches", token, "Name\nA\n")).Dispose();
        (await f.Http.UploadCsvAsync($"{Ingest}/{id}/batches", token, "Name\nB\n")).Dispose();

        using var close = await f.Http.SendAsync(HttpMethod.Patch, $"{Ingest}/{id}", token, "{\"state\":\"UploadComplete\"}");

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await RawApi.GetV2JobAsync(f.Http, token, id)).Json.GetProperty("numberRecordsProcessed").GetInt64());
    }

    [Fact]
    public async Task V1Close_WscBodyWithTheJobsOwnIdFirst_Closes()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var session = await f.LoginAsync();
        var id = await RawApi.CreateV1JobAsync(f.Http, session);
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><id>{id[..15]}</id><state>Closed</state></jobInfo>";

        var reply = await SendV1Async(f, session, $"services/async/66.0/job/{id}", body);

        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Closed", RawApi.XmlValue(reply.Body, "state"));
    }

    [Fact]
    public async Task V1Close_BodyWithAnotherJobsId_InvalidJobIdCannotBeSpecified()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var session = await f.LoginAsync();
        var id = await RawApi.CreateV1JobAsync(f.Http, session);
        var otherId = await RawApi.CreateV1JobAsync(f.Http, session);
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><id>{otherId}</id><state>Closed</state></jobInfo>";

        var reply = await SendV1Async(f, session, $"services/async/66.0/job/{id}", body);

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("<exceptionMessage>Id cannot be specified</exceptionMessage>", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Close_EchoedJobInfo_InvalidJobNamingTheReadOnlyField()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var session = await f.LoginAsync();
        var id = await RawApi.CreateV1JobAsync(f.Http, session);
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><id>{id}</id><operation>insert</operation><object>Account</object><createdById>005R0000000001AAAA</createdById><state>Closed</state></jobInfo>";

        var reply = await SendV1Async(f, session, $"services/async/66.0/job/{id}", body);

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>CreatedById cannot be specified</exceptionMessage>", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Create_UnknownOperation_InvalidJobUnableToParseJob()
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var session = await f.LoginAsync();
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>harddelete</operation><object>Account</object></jobInfo>";

        var reply = await SendV1Async(f, session, "services/async/66.0/job", body);

        reply.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("<exceptionCode>InvalidJob</exceptionCode>\n <exceptionMessage>Unable to parse Job</exceptionMessage>", reply.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30.0")]
    [InlineData("21.0")]
    public async Task RetiredVersion_V1InvalidVersionAndRest410(string version)
    {
        await using var f = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var session = await f.LoginAsync();

        var v1 = await RawApi.ReadAsync(await f.Http.SendAsync(RawApi.V1Request(HttpMethod.Get, $"services/async/{version}/job/750R0000000001AAAA", session), TestContext.Current.CancellationToken));
        using var rest = await f.Http.SendAsync(HttpMethod.Get, $"services/data/v{version}/jobs/ingest", session);

        v1.AssertStatus(HttpStatusCode.BadRequest);
        Assert.Contains("<exceptionCode>InvalidVersion</exceptionCode>", v1.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, rest.StatusCode);
    }

    [Fact]
    public async Task Options_Variants_ReadFromTheStartOptions()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.Variants = new EmulatorVariants { MultipleUploads = MultipleUploads.Append } });
        var (emulator, http) = (host.Server, host.Http);
        var reply = (await RawApi.SendAsync(http, HttpMethod.Get, "_emulator/variants")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("append", reply.Json.GetProperty("multipleUploads").GetString());
    }

    private static async Task SetAsync(TestEmulator f, string name, string value) =>
        (await RawApi.SendAsync(f.Http, HttpMethod.Put, "_emulator/variants", $"{{\"{name}\":\"{value}\"}}")).AssertStatus(HttpStatusCode.OK);

    private static async Task<RawApi.Reply> SendV1Async(TestEmulator f, string session, string path, string xml) =>
        await RawApi.ReadAsync(await f.Http.SendAsync(
            RawApi.V1Request(HttpMethod.Post, path, session, new StringContent(xml, System.Text.Encoding.UTF8, "application/xml")),
            TestContext.Current.CancellationToken));
}
