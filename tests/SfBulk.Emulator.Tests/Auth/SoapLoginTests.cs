using System.Net;
using System.Text;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Auth;

public sealed class SoapLoginTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    private const string InvalidLoginFault =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>"
        + "<detail><sf:LoginFault xsi:type=\"sf:LoginFault\"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail>"
        + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";

    [Fact]
    public async Task Login_ValidCredentialsAt64_ReturnsLoginResultInWsdlOrder()
    {
        using var response = await LoginAsync("64.0", fixture.Server.Options.Username, fixture.Server.Options.Password);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var state = fixture.Server.State;
        var baseUrl = fixture.Server.BaseUri.GetLeftPart(UriPartial.Authority);
        var session = Between(body, "<sessionId>", "</sessionId>");
        var expected =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body><loginResponse><result>"
            + $"<metadataServerUrl>{baseUrl}/services/Soap/m/64.0/{state.OrgId[..15]}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox>"
            + $"<serverUrl>{baseUrl}/services/Soap/u/64.0/{state.OrgId[..15]}</serverUrl><sessionId>{session}</sessionId><userId>{state.DefaultUser.Id}</userId>"
            + "<userInfo><accessibilityMode>false</accessibilityMode><chatterExternal>false</chatterExternal><currencySymbol>$</currencySymbol><orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit>"
            + "<orgDefaultCurrencyIsoCode>USD</orgDefaultCurrencyIsoCode><orgDefaultCurrencyLocale>en_US</orgDefaultCurrencyLocale><orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments><orgHasPersonAccounts>false</orgHasPersonAccounts>"
            + $"<organizationId>{state.OrgId}</organizationId><organizationMultiCurrency>false</organizationMultiCurrency><organizationName>sfbulk Emulator Org</organizationName>"
            + $"<profileId>{SfBulk.Emulator.Identity.SalesforceIds.Create("00e", 1)}</profileId><roleId xsi:nil=\"true\"/><sessionSecondsValid>7200</sessionSecondsValid><userDefaultCurrencyIsoCode xsi:nil=\"true\"/>"
            + $"<userEmail>admin@sfbulk.test</userEmail><userFullName>Emulator Admin</userFullName><userId>{state.DefaultUser.Id}</userId><userLanguage>en_US</userLanguage><userLocale>en_US</userLocale>"
            + "<userName>admin@sfbulk.test</userName><userTimeZone>America/Los_Angeles</userTimeZone><userType>Standard</userType><userUiSkin>Theme3</userUiSkin></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>";
        Assert.Equal(expected, body);
        Assert.NotNull(state.Sessions.Validate(session));
    }

    [Fact]
    public async Task Login_WrongPassword_Returns500InvalidLoginFaultBytes()
    {
        using var response = await LoginAsync("64.0", fixture.Server.Options.Username, "wrong");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(InvalidLoginFault, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Login_UnknownUser_Returns500InvalidLoginFault()
    {
        using var response = await LoginAsync("60.0", "nobody@sfbulk.test", "x");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(InvalidLoginFault, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("65.0")]
    [InlineData("66.0")]
    public async Task Login_Version65OrLater_Returns500UnsupportedApiVersionFault(string version)
    {
        using var response = await LoginAsync(version, fixture.Server.Options.Username, fixture.Server.Options.Password);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>", body, StringComparison.Ordinal);
        Assert.Contains("<sf:exceptionCode>UNSUPPORTED_API_VERSION</sf:exceptionCode>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_RetiredVersion_Returns500UnsupportedApiVersionFault()
    {
        using var response = await LoginAsync("30.0", fixture.Server.Options.Username, fixture.Server.Options.Password);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<faultstring>UNSUPPORTED_API_VERSION: Invalid Api version specified on URL</faultstring>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<not-xml")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>")]
    [InlineData("<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><n1:logout xmlns:n1=\"urn:partner.soap.sforce.com\"/></env:Body></env:Envelope>")]
    public async Task Login_MalformedEnvelope_Returns500ClientFault(string envelope)
    {
        using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
        using var response = await fixture.Http.PostAsync("services/Soap/u/64.0", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope", body, StringComparison.Ordinal);
        Assert.Contains("<faultcode>soapenv:Client</faultcode>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_SessionId_WorksAsBulkV2Bearer()
    {
        using var login = await LoginAsync("64.0", fixture.Server.Options.Username, fixture.Server.Options.Password);
        var session = Between(await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "<sessionId>", "</sessionId>");

        using var request = RawApi.V2Request(HttpMethod.Get, "services/data/v64.0/jobs/query", session);
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static string Envelope(string username, string password) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?><env:Envelope xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + $"<env:Body><n1:login xmlns:n1=\"urn:partner.soap.sforce.com\"><n1:username>{username}</n1:username><n1:password>{password}</n1:password></n1:login></env:Body></env:Envelope>";

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private async Task<HttpResponseMessage> LoginAsync(string version, string username, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"services/Soap/u/{version}")
        {
            Content = new StringContent(Envelope(username, password), Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", "login");
        return await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
