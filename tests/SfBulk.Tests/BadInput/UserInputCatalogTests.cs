using SfBulk.Activity;
using SfBulk.Authentication;
using SfBulk.Jobs;
using SfBulk.Sweeping;
using SfBulk.Tests.Security;
using SfBulk.Watching;

namespace SfBulk.Tests.BadInput;

/// <summary>
/// The catalogue of bad user input at the library's surface: each case is refused with a typed error before any
/// request leaves the process, with a message that says what to fix and holds no secret.
/// </summary>
public sealed class UserInputCatalogTests
{
    private const string GoodJobId = "750R0000000zlh9IAA";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void JobId_NonAsciiLetter_RefusedNamingTheAllowedCharacters()
    {
        Assert.False(JobId.TryNormalize("750R0000000zlh9IAé", out _, out var error));
        Assert.Contains("only the letters A-Z, a-z and digits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_FullWidthDigits_Refused()
    {
        Assert.False(JobId.TryNormalize("７５０R0000000zlh9IAA", out _, out var error));
        Assert.Contains("only the letters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_HundredThousandCharacters_RefusedWithShortMessage()
    {
        Assert.False(JobId.TryNormalize(new string('7', 100_000), out _, out var error));
        Assert.Contains("100000 characters", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, error);
    }

    [Fact]
    public void JobId_SurroundingWhitespace_RefusedAsWrongLength()
    {
        Assert.False(JobId.TryNormalize(" " + GoodJobId + "\n", out _, out var error));
        Assert.Contains("20 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_ControlCharacterInside_Refused()
    {
        Assert.False(JobId.TryNormalize("750R0000000z\0h9IAA", out _, out var error));
        Assert.Contains("only the letters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void JobId_ChecksumOfAnotherId_RefusedAsMistyped()
    {
        // The checksum of 750D0000000002l on the body of 750R0000000zlh9.
        Assert.False(JobId.TryNormalize("750R0000000zlh9IAB", out _, out var error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseJob_BatchIdGivenAsJobId_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        await using var server = await CannedServer.StartAsync();
        using var connection = CannedConnection.Create(server);
        var client = new BulkJobClient(connection);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.CloseJobAsync("751D0000000004rIAA", null, Ct));

        Assert.Contains("751 is a batch id", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("UploadComplete")]
    [InlineData("InProgress")]
    [InlineData("JobComplete")]
    [InlineData("Deleted")]
    [InlineData("")]
    public void CloseState_OtherThanClosedOrAborted_RefusedByParse(string state)
    {
        var e = Assert.Throws<ArgumentException>(() => CloseJobState.Parse(state));
        Assert.Contains("use Closed or Aborted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_StateUploadComplete_ThrowsInvalidArgumentBeforeAnyRequest()
    {
        await using var server = await CannedServer.StartAsync();
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput
        {
            CloseJobConnection = new CloseJobConnection { ServerUrl = server.BaseUri.ToString(), SessionId = Canaries.SessionId },
            CloseJob = new CloseJob { JobId = GoodJobId, State = "UploadComplete" },
        };

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => activity.ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("use Closed or Aborted", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public async Task CloseJob_NegativeTimeout_ThrowsArgumentOutOfRangeBeforeAnyRequest()
    {
        await using var server = await CannedServer.StartAsync();
        using var connection = CannedConnection.Create(server);
        var client = new BulkJobClient(connection);

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            client.CloseJobAsync(GoodJobId, new CloseJobOptions { Timeout = TimeSpan.FromSeconds(-5) }, Ct));

        Assert.Contains("zero or more", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CloseJob_TimeoutOfAHundredDays_ThrowsArgumentOutOfRangeSayingTheMaximum()
    {
        await using var server = await CannedServer.StartAsync();
        using var connection = CannedConnection.Create(server);
        var client = new BulkJobClient(connection);

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            client.CloseJobAsync(GoodJobId, new CloseJobOptions { Timeout = TimeSpan.FromDays(100) }, Ct));

        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CloseJob_TimeoutMaxValue_ThrowsArgumentOutOfRange()
    {
        await using var server = await CannedServer.StartAsync();
        using var connection = CannedConnection.Create(server);
        var client = new BulkJobClient(connection);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            client.CloseJobAsync(GoodJobId, new CloseJobOptions { Timeout = TimeSpan.MaxValue }, Ct));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SweepAndWatch_TimeoutOfAHundredDays_RefusedAtConstruction()
    {
        await using var server = await CannedServer.StartAsync();
        using var connection = CannedConnection.Create(server);
        var client = new BulkJobClient(connection);

        Assert.Throws<ArgumentOutOfRangeException>(() => new JobSweeper(client, new SweepOptions { PerJobTimeout = TimeSpan.FromDays(100) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JobWatcher(client, new WatchOptions { Timeout = TimeSpan.FromDays(100) }));
        _ = new JobWatcher(client, new WatchOptions { Timeout = CloseJobOptions.MaxTimeout });
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Activity_NegativeTimeout_ThrowsInvalidArgument()
    {
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput { CloseJob = new CloseJob { JobId = GoodJobId }, CloseJobOptional = new CloseJobOptional { Timeout = -1 } };

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => activity.ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("negative", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(86_400_000L * 100)]
    public async Task Activity_AbsurdTimeout_ThrowsInvalidArgument(long milliseconds)
    {
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput
        {
            CloseJobConnection = new CloseJobConnection { ServerUrl = "https://example.my.salesforce.com", SessionId = Canaries.SessionId },
            CloseJob = new CloseJob { JobId = GoodJobId },
            CloseJobOptional = new CloseJobOptional { Timeout = milliseconds },
        };

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => activity.ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("timeout", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Theory]
    [InlineData("ftp://example.my.salesforce.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void LoginUrl_NonHttpScheme_ThrowsArgumentException(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => new SalesforceConnection(new SalesforceConnectionOptions
        {
            LoginUrl = new Uri(url),
            Credential = new ClientCredentialsCredential("id", Canaries.ClientSecret),
        }));
        Assert.Contains("https", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public void InstanceUrl_PasswordInUserInfo_RefusedWithoutEchoingIt()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            SalesforceConnection.FromExternalSession(new Uri($"https://admin:{Canaries.Password}@example.my.salesforce.com"), Canaries.SessionId));

        Assert.Contains("user information", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Fact]
    public void InstanceUrl_PlainHttpLookalikeOfLoopback_Refused()
    {
        // "127.0.0.1.example.com" is not loopback: plain http must be refused.
        var e = Assert.Throws<ArgumentException>(() => SalesforceConnection.FromExternalSession(new Uri("http://127.0.0.1.example.com/"), Canaries.SessionId));
        Assert.Contains("must use https", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/services/async/66.0")]
    [InlineData("")]
    public async Task Activity_GarbageOrRelativeServerUrl_ThrowsInvalidArgument(string serverUrl)
    {
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput
        {
            CloseJobConnection = new CloseJobConnection { ServerUrl = serverUrl, SessionId = Canaries.SessionId },
            CloseJob = new CloseJob { JobId = GoodJobId },
        };

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => activity.ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("ServerUrl", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ExternalSession_EmptySessionId_ThrowsArgumentException(string sessionId)
    {
        var e = Assert.Throws<ArgumentException>(() => SalesforceConnection.FromExternalSession(new Uri("https://example.my.salesforce.com"), sessionId));
        Assert.Contains("session", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Activity_EmptySessionIdAndNoSharedConnection_ThrowsConnectionNotFound()
    {
        var activity = new CloseJobActivity(null);
        var input = new CloseJobInput
        {
            CloseJobConnection = new CloseJobConnection { ServerUrl = "https://example.my.salesforce.com", SessionId = string.Empty },
            CloseJob = new CloseJob { JobId = GoodJobId },
        };

        await Assert.ThrowsAsync<SalesforceConnectionNotFoundException>(() => activity.ExecuteAsync(input, Ct));
    }

    [Fact]
    public async Task ActivityJson_MissingCloseJob_ThrowsInvalidArgumentSayingEmptyJobId()
    {
        var input = CloseJobDocuments.ReadInputJson("""{"CloseJobOptional":{"timeout":5}}""");

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => new CloseJobActivity(null).ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("job id is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityXml_MissingJobId_ThrowsInvalidArgumentSayingEmptyJobId()
    {
        var input = CloseJobDocuments.ReadInputXml("<CloseJobInput><CloseJob><state>Closed</state></CloseJob></CloseJobInput>");

        var e = await Assert.ThrowsAsync<SalesforceRestException>(() => new CloseJobActivity(null).ExecuteAsync(input, Ct));

        Assert.Equal(SfBulkErrorCodes.InvalidArgument, e.ErrorCode);
        Assert.Contains("job id is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivityJson_ExtraFieldsAndNesting_Tolerated()
    {
        var input = CloseJobDocuments.ReadInputJson("""
            {"CloseJob":{"jobId":"750R0000000zlh9IAA","state":"Aborted","comment":"extra","nested":{"a":[1,2]}},
             "CloseJobOptional":{"timeout":1500,"retries":3},"Unrelated":true}
            """);

        Assert.Equal(GoodJobId, input.CloseJob.JobId);
        Assert.Equal("Aborted", input.CloseJob.State);
        Assert.Equal(1500, input.CloseJobOptional!.Timeout);
    }

    [Fact]
    public void ActivityXml_ExtraElementsAndAttributes_Tolerated()
    {
        var input = CloseJobDocuments.ReadInputXml("""
            <CloseJobInput version="2"><Note>extra</Note>
              <CloseJob priority="high"><jobId>750R0000000zlh9IAA</jobId><state>Aborted</state><extra><a/></extra></CloseJob>
              <CloseJobOptional><timeout>1500</timeout><unknown>1</unknown></CloseJobOptional>
            </CloseJobInput>
            """);

        Assert.Equal(GoodJobId, input.CloseJob.JobId);
        Assert.Equal("Aborted", input.CloseJob.State);
        Assert.Equal(1500, input.CloseJobOptional!.Timeout);
    }

    [Fact]
    public void ActivityXml_Doctype_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => CloseJobDocuments.ReadInputXml(
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CloseJobInput><CloseJob><jobId>&e;</jobId></CloseJob></CloseJobInput>"));
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"750R0000000zlh9IAA\"")]
    [InlineData("null")]
    public void ActivityJson_RootNotAnObject_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => CloseJobDocuments.ReadInputJson(json));
    }

    [Fact]
    public void ActivityXml_Truncated_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => CloseJobDocuments.ReadInputXml("<CloseJobInput><CloseJob><jobId>750R0000000zlh9IAA</jobId>"));
    }

    [Fact]
    public void ActivityXml_ExternalSessionIdUsedNotBoolean_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatException>(() => CloseJobDocuments.ReadInputXml(
            $"<i><CloseJobConnection><ServerUrl>https://x.my.salesforce.com</ServerUrl><SessionId>{Canaries.SessionId}</SessionId><ExternalSessionIdUsed>yes</ExternalSessionIdUsed></CloseJobConnection></i>"));
        Assert.Contains("ExternalSessionIdUsed", e.Message, StringComparison.Ordinal);
        Canaries.AssertAbsent(e.ToString(), "the exception");
    }
}
