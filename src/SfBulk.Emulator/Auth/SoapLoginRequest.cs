using System.Xml;

namespace SfBulk.Emulator.Auth;

/// <summary>Reads the username and password out of a partner API <c>login()</c> SOAP envelope.</summary>
internal static class SoapLoginRequest
{
    public const string SoapEnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string PartnerNamespace = "urn:partner.soap.sforce.com";

    /// <summary>The parsed call, or the reason the envelope is unusable.</summary>
    public readonly record struct Parsed(string? Username, string? Password, string? Error);

    public static Parsed Parse(Stream body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = 1_000_000,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(body, settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Envelope" || reader.NamespaceURI != SoapEnvelopeNamespace)
            {
                return new Parsed(null, null, "Expected a SOAP 1.1 Envelope element");
            }

            string? username = null, password = null;
            var sawLogin = false;
            var advanced = reader.Read();
            while (advanced)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == PartnerNamespace)
                {
                    if (reader.LocalName == "login")
                    {
                        sawLogin = true;
                    }
                    else if (sawLogin && reader.LocalName is "username" or "password")
                    {
                        var name = reader.LocalName;
                        var value = reader.ReadElementContentAsString();
                        if (name == "username")
                        {
                            username = value;
                        }
                        else
                        {
                            password = value;
                        }

                        // ReadElementContentAsString already moved to the next node.
                        advanced = !reader.EOF;
                        continue;
                    }
                }

                advanced = reader.Read();
            }

            return sawLogin
                ? new Parsed(username, password, null)
                : new Parsed(null, null, "No operation available for request {urn:partner.soap.sforce.com}login");
        }
        catch (XmlException ex)
        {
            return new Parsed(null, null, ex.Message);
        }
    }
}
