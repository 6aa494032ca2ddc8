using System.Globalization;
using System.Security;
using System.Text;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Auth;

/// <summary>
/// The SOAP envelopes of <c>login()</c>, laid out as Salesforce sends them: one line, no indentation, the partner
/// namespace as default namespace, <c>userInfo</c> members in the partner WSDL's <c>GetUserInfoResult</c> order.
/// </summary>
internal static class SoapEnvelopes
{
    public const string ContentType = "text/xml;charset=UTF-8";

    public const string InvalidLoginMessage = "Invalid username, password, security token; or user locked out.";

    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>The <c>loginResponse</c> envelope.</summary>
    public static string LoginResponse(string baseUrl, string version, OrgState state, EmulatedUser user, string sessionId)
    {
        var org15 = state.OrgId[..15];
        var b = new StringBuilder(2048);
        b.Append(XmlDeclaration)
            .Append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
            .Append("<soapenv:Body><loginResponse><result>");
        Element(b, "metadataServerUrl", baseUrl + "/services/Soap/m/" + version + "/" + org15);
        Element(b, "passwordExpired", "false");
        Element(b, "sandbox", "false");
        Element(b, "serverUrl", baseUrl + "/services/Soap/u/" + version + "/" + org15);
        Element(b, "sessionId", sessionId);
        Element(b, "userId", user.Id);
        b.Append("<userInfo>");
        Element(b, "accessibilityMode", "false");
        Element(b, "chatterExternal", "false");
        Element(b, "currencySymbol", "$");
        Element(b, "orgAttachmentFileSizeLimit", "5242880");
        Element(b, "orgDefaultCurrencyIsoCode", "USD");
        Element(b, "orgDefaultCurrencyLocale", "en_US");
        Element(b, "orgDisallowHtmlAttachments", "false");
        Element(b, "orgHasPersonAccounts", "false");
        Element(b, "organizationId", state.OrgId);
        Element(b, "organizationMultiCurrency", "false");
        Element(b, "organizationName", "sfbulk Emulator Org");
        Element(b, "profileId", ProfileId);
        b.Append("<roleId xsi:nil=\"true\"/>");
        Element(b, "sessionSecondsValid", ((long)state.Options.SessionIdleTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        b.Append("<userDefaultCurrencyIsoCode xsi:nil=\"true\"/>");
        Element(b, "userEmail", user.Username);
        Element(b, "userFullName", user.FullName);
        Element(b, "userId", user.Id);
        Element(b, "userLanguage", "en_US");
        Element(b, "userLocale", "en_US");
        Element(b, "userName", user.Username);
        Element(b, "userTimeZone", "America/Los_Angeles");
        Element(b, "userType", "Standard");
        Element(b, "userUiSkin", "Theme3");
        b.Append("</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>");
        return b.ToString();
    }

    /// <summary>The <c>INVALID_LOGIN</c> fault (HTTP 500).</summary>
    public static string InvalidLoginFault() => ApiFault("INVALID_LOGIN", InvalidLoginMessage, "LoginFault");

    /// <summary>An API fault with <c>sf:</c>-prefixed fault code and an <c>sf:{faultType}</c> detail.</summary>
    public static string ApiFault(string exceptionCode, string exceptionMessage, string faultType)
    {
        var message = SecurityElement.Escape(exceptionMessage);
        return XmlDeclaration
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sf=\"urn:fault.partner.soap.sforce.com\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<soapenv:Body><soapenv:Fault><faultcode>sf:" + exceptionCode + "</faultcode><faultstring>" + exceptionCode + ": " + message + "</faultstring>"
            + "<detail><sf:" + faultType + " xsi:type=\"sf:" + faultType + "\"><sf:exceptionCode>" + exceptionCode + "</sf:exceptionCode>"
            + "<sf:exceptionMessage>" + message + "</sf:exceptionMessage></sf:" + faultType + "></detail>"
            + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    }

    /// <summary>A SOAP client fault (malformed request) without an API fault detail.</summary>
    public static string ClientFault(string message) =>
        XmlDeclaration
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>" + SecurityElement.Escape(message) + "</faultstring>"
        + "</soapenv:Fault></soapenv:Body></soapenv:Envelope>";

    /// <summary>The profile id reported for every emulated user (System Administrator-like, 00e prefix).</summary>
    private static string ProfileId { get; } = Identity.SalesforceIds.Create("00e", 1);

    private static void Element(StringBuilder b, string name, string value) =>
        b.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');
}
