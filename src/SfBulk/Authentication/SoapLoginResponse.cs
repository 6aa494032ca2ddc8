using System.Xml;
using SfBulk.Diagnostics;

namespace SfBulk.Authentication;

/// <summary>Reads a SOAP <c>loginResponse</c> (<c>serverUrl</c>, <c>sessionId</c>, <c>passwordExpired</c>) or its fault.</summary>
internal static class SoapLoginResponse
{
    public static SalesforceSession Read(ApiResponse response, Uri loginOrigin)
    {
        string? serverUrl = null, sessionId = null, passwordExpired = null, faultCode = null, faultString = null, exceptionCode = null, userId = null, orgId = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = 1_000_000,
        };
        try
        {
            using var stream = new MemoryStream(response.Body, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement)
                {
                    reader.Read();
                    continue;
                }

                var name = reader.LocalName;
                if (name is not ("serverUrl" or "sessionId" or "passwordExpired" or "faultcode" or "faultstring" or "exceptionCode" or "userId" or "organizationId"))
                {
                    reader.Read();
                    continue;
                }

                var value = reader.ReadElementContentAsString();
                switch (name)
                {
                    case "serverUrl": serverUrl ??= value; break;
                    case "sessionId": sessionId ??= value; break;
                    case "passwordExpired": passwordExpired ??= value; break;
                    case "userId": userId ??= value; break;
                    case "organizationId": orgId ??= value; break;
                    case "faultcode": faultCode ??= value; break;
                    case "faultstring": faultString ??= ServerText.Clean(value); break;
                    default: exceptionCode ??= value; break;
                }
            }
        }
        catch (Exception e) when (Wire.WireXml.IsUnreadable(e))
        {
            throw new SalesforceLoginException(
                $"The SOAP login at {loginOrigin} answered HTTP {(int)response.StatusCode} with a body that is not SOAP. Check the login URL.",
                SfBulkErrorCodes.InvalidResponse, response.StatusCode);
        }

        if (faultCode is not null || faultString is not null)
        {
            var code = exceptionCode ?? StripPrefix(faultCode) ?? "SOAP_FAULT";
            var hint = code switch
            {
                "INVALID_LOGIN" => " Check the user name, password and security token (append the token unless the IP is trusted).",
                "UNSUPPORTED_API_VERSION" => " SOAP login() is unavailable from API 65.0: use a login API version of 64.0 or lower, or switch to OAuth (JWT bearer or client credentials).",
                "INSUFFICIENT_ACCESS" => " The org may have disabled SOAP login(); switch to OAuth.",
                _ => string.Empty,
            };
            throw new SalesforceLoginException($"The SOAP login at {loginOrigin} failed: {(faultString ?? code).TrimEnd('.', ' ')}.{hint}", code, response.StatusCode);
        }

        if (!response.IsSuccess)
        {
            throw new SalesforceLoginException(
                $"The SOAP login at {loginOrigin} answered HTTP {(int)response.StatusCode} without a SOAP answer. Check the login URL.",
                SfBulkErrorCodes.InvalidResponse, response.StatusCode);
        }

        if (string.Equals(passwordExpired, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new SalesforceLoginException(
                "The user's password has expired; only setPassword() works until it is changed. Change the password in Salesforce and update the connection.",
                "INVALID_OPERATION_WITH_EXPIRED_PASSWORD", response.StatusCode);
        }

        return SalesforceSession.Create(serverUrl, sessionId, "The SOAP login") with { OrgId = orgId, UserId = userId };
    }

    private static string? StripPrefix(string? faultCode)
    {
        if (faultCode is null)
        {
            return null;
        }

        var colon = faultCode.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? faultCode[(colon + 1)..] : faultCode;
    }
}
