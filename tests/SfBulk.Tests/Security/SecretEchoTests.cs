using System.Net.Http.Headers;
using SfBulk.Activity;
using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Diagnostics;
using SfBulk.Emulator;
using SfBulk.Http;
using SfBulk.Jobs;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Security;

/// <summary>No secret is ever echoed: not by validation errors, not by text Salesforce or a proxy sends back.</summary>
public sealed class SecretEchoTests
{
    private const string Session = "00D5g000004XyzAEAS!AQcAQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJWwYMfAbUeeG7c1E6LYUfiDUkWe6H34r1AAwOR8B8fLEz6n04NPGRrq0FM";

    [Theory]
    [InlineData(Session)]
    [InlineData("750ABCDEFGHIJ!secret-value-longer")]
    [InlineData("7505g000004XyzAEASX")]
    public void TryNormalize_BadValue_ShowsAtMostFiveCharactersAndLength(string value)
    {
        Assert.False(JobId.TryNormalize(value, out _, out var error));

        Assert.DoesNotContain(value[..6], error, StringComparison.Ordinal);
        Assert.Contains($"'{value[..5]}…' ({value.Length} characters)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireSecure_RelativeUrlWithSecret_NotEchoed()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConnectionUrls.RequireSecure(new Uri("services?sid=" + Session, UriKind.Relative), "instanceUrl"));

        Assert.DoesNotContain("!AQ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sid", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Invalid session: sid=" + Session + "&x=1")]
    [InlineData("redirect to /secur/frontdoor.jsp?access_token=abc.def-123 failed")]
    [InlineData("token " + Session + " rejected")]
    public void Clean_SidAccessTokenOrSessionShape_Redacted(string text)
    {
        var cleaned = ServerText.Clean(text)!;

        Assert.DoesNotContain("!AQ", cleaned, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def-123", cleaned, StringComparison.Ordinal);
        Assert.Contains(ServerText.Redacted, cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_LongText_CappedAtThousandCharacters()
    {
        var cleaned = ServerText.Clean(new string('x', 5_000))!;

        Assert.True(cleaned.Length < 1_100, cleaned.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(new string('x', 1_000), cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJobAsync_ErrorEchoesCurrentToken_ExceptionAndFaultDocumentWithoutIt()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var jobId = await emulator.OpenJobAsync();
        using var connection = new SalesforceConnection(emulator.ConnectionOptions(emulator.ClientCredentials()));
        var ct = TestContext.Current.CancellationToken;
        var token = (await connection.GetSessionAsync(null, ct)).AccessToken;
        var message = "proxy: bad header " + token + " / sid=" + token + new string('z', 3_000);
        await emulator.AddFaultAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["route"] = EmulatorRoutes.BulkV1GetJob,
            ["kind"] = "status",
            ["status"] = 400,
            ["errorCode"] = "InvalidJob",
            ["message"] = message,
        }));

        var ex = await Assert.ThrowsAsync<SalesforceRestException>(() => new BulkJobClient(connection).GetJobAsync(jobId, SfBulk.Models.BulkApi.V1, ct));
        var faultJson = CloseJobDocuments.WriteFaultJson(CloseJobActivity.ToFault(ex));
        var faultXml = CloseJobDocuments.WriteFaultXml(CloseJobActivity.ToFault(ex));

        Assert.Equal("InvalidJob", ex.ErrorCode);
        foreach (var text in new[] { ex.Message, ex.ToString(), faultJson, faultXml })
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(token[..20], text, StringComparison.Ordinal);
        }

        Assert.True(ex.Message.Length < 1_400, ex.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("proxy: bad header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderLogging_LocationWithSession_LoggedRedacted()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Found);
        response.Headers.Location = new Uri("https://mycompany.my.salesforce.com/secur/frontdoor.jsp?sid=" + Session);

        var logged = HeaderLogging.Format(response.Headers);

        Assert.DoesNotContain("!AQ", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("frontdoor", logged, StringComparison.Ordinal);
        Assert.Contains("Location: https://mycompany.my.salesforce.com/REDACTED", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_CarryingSecrets_PrintNone()
    {
        var outgoing = new HttpTransport.Outgoing(
            HttpMethod.Post, new Uri("https://login.salesforce.com/services/oauth2/token"), "client_secret=CANARY-BODY"u8.ToArray(), "application/x-www-form-urlencoded", null, null, new("Authorization", "Bearer CANARY-TOKEN"), "login");
        var session = new SalesforceSession(new Uri("https://mycompany.my.salesforce.com/"), "CANARY-SESSION");

        foreach (var text in new[] { outgoing.ToString(), session.ToString(), new { Outgoing = outgoing }.ToString()!, (outgoing with { Family = "rest" }).ToString() })
        {
            Assert.DoesNotContain("CANARY", text, StringComparison.Ordinal);
        }
    }
}
