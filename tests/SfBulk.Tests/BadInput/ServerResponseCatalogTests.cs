using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using SfBulk.Connection;
using SfBulk.Models;
using SfBulk.Tests.Connection;
using SfBulk.Tests.Security;

namespace SfBulk.Tests.BadInput;

/// <summary>
/// The catalogue of bad or unusual server responses, served as canned bytes by a real loopback HTTP server: each is
/// a typed <see cref="SalesforceRestException"/> (or parsed correctly where Salesforce may legitimately send it),
/// quickly, with no secret in the exception or the log.
/// </summary>
public sealed class ServerResponseCatalogTests : IAsyncLifetime
{
    private const string JobId = "750R0000000zlh9IAA";
    private const string Ns = "http://www.force.com/2009/06/asyncapi/dataload";
    private const string Xml = "application/xml";
    private const string Json = "application/json";

    private readonly CapturingLoggerFactory _logs = new();
    private CannedServer _server = null!;
    private SalesforceConnection _connection = null!;
    private BulkJobClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _connection = CannedConnection.Create(_server, logs: _logs);
        _client = new BulkJobClient(_connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.Zero, MaxCloseAttempts = 1 });
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
        Canaries.AssertAbsent(_logs.AllText, "the log");
    }

    [Fact]
    public async Task HtmlErrorPageWith200_InvalidResponseSayingHtml()
    {
        _server.Returns(200, "text/html", "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("HTML page", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlErrorPageWith503_ApiErrorWithStatus()
    {
        _server.Returns(503, "text/html; charset=utf-8", "<html><head><title>Service Unavailable</title></head><body>Down for maintenance</body></html>");

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Contains("HTML", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task HtmlPageLabelledXml_InvalidResponseSayingHtml()
    {
        _server.Returns(200, Xml, "<html><body>Please log in</body></html>");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("HTML page", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyWith200_InvalidResponseSayingEmpty()
    {
        _server.Returns(200, Xml, Array.Empty<byte>());

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyWith200ToCloseAndToReRead_InvalidResponse()
    {
        _server.Returns(200, Xml, Array.Empty<byte>());

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.CloseJobAsync(JobId, new CloseJobOptions { Api = BulkApi.V1 }, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task TruncatedXml_InvalidResponseSayingNotWellFormed()
    {
        _server.Returns(200, Xml, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Clo");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("not well-formed XML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedJson_InvalidResponseSayingNotValidJson()
    {
        _server.Returns(200, Json, $"{{\"id\":\"{JobId}\",\"state\":\"Clo");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonBodyToAnXmlRequest_ParsedByContent()
    {
        // A Bulk 1.0 JSON job answers in JSON whatever was asked: legitimate, so it is read.
        _server.Returns(200, Json, $"{{\"id\":\"{JobId}\",\"state\":\"Closed\",\"object\":\"Account\",\"contentType\":\"JSON\"}}");

        var job = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(BulkJobState.Closed, job.State);
        Assert.Equal("Account", job.Object);
    }

    [Fact]
    public async Task XmlBodyLabelledTextPlain_ParsedByContent()
    {
        _server.Returns(200, "text/plain", $"<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Open</state></jobInfo>");

        var job = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(BulkJobState.Open, job.State);
    }

    [Fact]
    public async Task NoContentTypeAndByteOrderMark_ParsedByContent()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"\r\n<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Open</state></jobInfo>")).ToArray();
        _server.Returns(200, null, body);

        var job = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(JobId, job.Id);
    }

    [Fact]
    public async Task UnknownFieldsAndEnumValues_Tolerated()
    {
        _server.Returns(200, Xml, $"""
            <jobInfo xmlns="{Ns}"><futureField>1</futureField><id>{JobId}</id><operation>hardMerge</operation>
            <state>PendingReview</state><concurrencyMode>Turbo</concurrencyMode><contentType>PARQUET</contentType>
            <nested><deeper>x</deeper></nested><jobType>Quantum</jobType></jobInfo>
            """);

        var job = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal("PendingReview", job.State.ToString());
        Assert.Equal("hardMerge", job.Operation.ToString());
        Assert.Equal("Turbo", job.ConcurrencyMode.ToString());
        Assert.Equal("Quantum", job.JobType.ToString());
    }

    [Fact]
    public async Task NullsInJsonAndXsiNilInXml_ReadAsAbsent()
    {
        _server.Returns(200, Json, $"{{\"id\":\"{JobId}\",\"state\":\"Open\",\"object\":null,\"createdDate\":null,\"numberBatchesTotal\":null,\"apiVersion\":null,\"retries\":null}}");
        var fromJson = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);
        _server.Returns(200, Xml, $"<jobInfo xmlns=\"{Ns}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><id>{JobId}</id><state>Open</state><object xsi:nil=\"true\"/><retries xsi:nil=\"true\"/></jobInfo>");
        var fromXml = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(string.Empty, fromJson.Object);
        Assert.Null(fromJson.Retries);
        Assert.Equal(default, fromJson.CreatedDate);
        Assert.Equal(string.Empty, fromXml.Object);
        Assert.Null(fromXml.Retries);
    }

    [Fact]
    public async Task NullRequiredState_InvalidResponseNamingIt()
    {
        _server.Returns(200, Json, $"{{\"id\":\"{JobId}\",\"state\":null}}");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("'state'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatesInEitherFormInEitherDialect_SameInstant()
    {
        var instant = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);
        _server.Returns(200, Xml, $"<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Open</state><createdDate>2026-03-04T05:06:07.089+0000</createdDate><systemModstamp>2026-03-04T10:36:07.089+05:30</systemModstamp></jobInfo>");
        var xml = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);
        _server.Returns(200, Json, $"{{\"id\":\"{JobId}\",\"state\":\"Open\",\"createdDate\":\"2026-03-04T05:06:07.089Z\",\"systemModstamp\":\"2026-03-04T00:06:07.089-0500\"}}");
        var json = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(instant, xml.CreatedDate);
        Assert.Equal(instant, xml.SystemModstamp);
        Assert.Equal(instant, json.CreatedDate);
        Assert.Equal(instant, json.SystemModstamp);
    }

    [Theory]
    [InlineData("numberBatchesTotal", "2147483648")]
    [InlineData("numberRecordsProcessed", "99999999999999999999")]
    [InlineData("apiVersion", "1e400")]
    [InlineData("numberRetries", "-")]
    public async Task NumberOutOfRangeInXml_InvalidResponseNamingTheField(string field, string value)
    {
        _server.Returns(200, Xml, $"<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Open</state><{field}>{value}</{field}></jobInfo>");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenMegabyteGarbageBody_InvalidResponseWithinSeconds()
    {
        var body = new byte[10 * 1024 * 1024];
        new Random(7).NextBytes(body);
        body[0] = (byte)'<';
        _server.Returns(200, Xml, body);
        var watch = Stopwatch.StartNew();

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(e.Message.Length < 1000, "the message repeats the body");
    }

    [Fact]
    public async Task TenMegabyteValidJobInfo_ReadWithinTheDefaultLimit()
    {
        var padding = new string('x', 10 * 1024 * 1024);
        _server.Returns(200, Xml, $"<jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>Open</state><padding>{padding}</padding></jobInfo>");

        var job = await _client.GetJobAsync(JobId, BulkApi.V1, Ct);

        Assert.Equal(BulkJobState.Open, job.State);
    }

    [Fact]
    public async Task BodyOverTheDefaultLimit_InvalidResponseSayingLarger()
    {
        _server.Returns(200, Xml, new byte[17 * 1024 * 1024]);

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipBomb_RefusedByTheLimitAfterDecompression()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var bytes = compressed.ToArray();
        Assert.True(bytes.Length < 200_000);
        _server.Answer = async c =>
        {
            c.Response.ContentType = Xml;
            c.Response.Headers.ContentEncoding = "gzip";
            await c.Response.Body.WriteAsync(bytes);
        };

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BillionLaughsDoctype_InvalidResponseWithinSeconds()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">");
        }

        dtd.Append($"]><jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>&lol9;</state></jobInfo>");
        _server.Returns(200, Xml, dtd.ToString());
        var watch = Stopwatch.StartNew();

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lollol", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExternalEntity_InvalidResponseAndNothingRead()
    {
        var marker = Path.Combine(Path.GetTempPath(), "sfbulk-xxe-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(marker, "XXE-SECRET-CONTENT", Ct);
        try
        {
            _server.Returns(200, Xml, $"<?xml version=\"1.0\"?><!DOCTYPE jobInfo [<!ENTITY xxe SYSTEM \"file://{marker}\">]><jobInfo xmlns=\"{Ns}\"><id>{JobId}</id><state>&xxe;</state></jobInfo>");

            var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

            Assert.DoesNotContain("XXE-SECRET-CONTENT", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task DeeplyNestedJson_InvalidResponseWithoutStackOverflow()
    {
        _server.Returns(200, Json, new string('[', 100_000) + new string(']', 100_000));

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryGarbage_InvalidResponseSayingNeitherXmlNorJson()
    {
        _server.Returns(200, "application/octet-stream", [0x00, 0xFF, 0xFE, 0x10, 0x80]);

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("neither XML nor JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongRootElement_InvalidResponseNamingIt()
    {
        _server.Returns(200, Xml, $"<batchInfo xmlns=\"{Ns}\"><id>751D0000000004rIAA</id><state>Queued</state></batchInfo>");

        var e = await GetJobFailsAsync(SfBulkErrorCodes.InvalidResponse);

        Assert.Contains("<batchInfo>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorDocumentWithUnknownExceptionCode_RestExceptionCarryingIt()
    {
        _server.Returns(400, Xml, $"<error xmlns=\"{Ns}\"><exceptionCode>BrandNewFault</exceptionCode><exceptionMessage>Something new</exceptionMessage></error>");

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal("BrandNewFault", e.ErrorCode);
        Assert.Contains("Something new", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBodyEchoingTheSession_MessageDoesNotRepeatIt()
    {
        // A misbehaving proxy that reflects the request headers into its error page.
        _server.Answer = async c =>
        {
            c.Response.StatusCode = 400;
            c.Response.ContentType = "text/plain";
            await c.Response.WriteAsync("Bad request. Headers: " + string.Join("; ", c.Request.Headers.Select(h => h.Key + "=" + h.Value)), Ct);
        };

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task JsonErrorWithInvalidUtf8InItsCode_RestExceptionNotACrash()
    {
        // Found by the parser fuzzer: the retry and session checks read error codes and threw InvalidOperationException.
        byte[] body = [.. "[{\"errorCode\":\"INVALID_"u8, 0xC3, 0x28, .. "\",\"message\":\"x\"}]"u8];
        _server.Returns(400, Json, body);

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task XmlDeclarationWithRightToLeftOverride_TypedErrorNotACrash(int status)
    {
        // Found by the parser fuzzer: XmlReader throws ArgumentOutOfRangeException for this declaration.
        _server.Returns(status, Xml, Convert.FromBase64String("PD94bWwgdmVyc2lvbj0iMS4w4oCuIiBlbmNvZGluZz0iVVRGLTgiPz48ZQ=="));

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal((System.Net.HttpStatusCode)status, e.StatusCode);
    }

    [Fact]
    public async Task OAuthAnswerWithLoneSurrogateEscape_LoginExceptionNotACrash()
    {
        _server.Returns(400, Json, "{\"error\":\"invalid_grant\\ud800\",\"error_description\":\"x\"}");
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            LoginUrl = _server.BaseUri,
            Credential = new SfBulk.Authentication.UsernamePasswordCredential("client", Canaries.ClientSecret, "user@example.com", Canaries.Password, Canaries.SecurityToken),
            Retry = new SalesforceRetryOptions { Enabled = false },
        }, _logs);

        var e = await Assert.ThrowsAsync<SalesforceLoginException>(() => new BulkJobClient(connection).GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task SoapLoginAnsweredWithHtml_LoginExceptionSayingNotSoap()
    {
        _server.Returns(200, "text/html", "<!DOCTYPE html><html><body>Sign in</body></html>");
        using var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            LoginUrl = _server.BaseUri,
            Credential = new SfBulk.Authentication.SoapLoginCredential("user@example.com", Canaries.Password, Canaries.SecurityToken),
            Retry = new SalesforceRetryOptions { Enabled = false },
        }, _logs);

        var e = await Assert.ThrowsAsync<SalesforceLoginException>(() => new BulkJobClient(connection).GetJobAsync(JobId, BulkApi.V1, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, e.ErrorCode);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    private async Task<SalesforceRestException> GetJobFailsAsync(string code)
    {
        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => _client.GetJobAsync(JobId, BulkApi.V1, Ct));
        Assert.Equal(code, e.ErrorCode);
        Canaries.AssertAbsent(e.ToString(), "the exception");
        return e;
    }
}
