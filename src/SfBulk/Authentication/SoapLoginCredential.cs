using System.Security;
using System.Text;
using SfBulk.Connection;

namespace SfBulk.Authentication;

/// <summary>
/// The SOAP partner API <c>login()</c> call with a user name, password and security token (the reference
/// activity's classic Salesforce Connection).
/// </summary>
/// <remarks>
/// Salesforce is retiring SOAP <c>login()</c>: it is not available in API 65.0 and later, disabled by default in orgs
/// created from Winter '26, and planned to be retired for all versions in Summer '27. sfbulk therefore logs in at
/// <see cref="LoginApiVersion"/> (64.0 by default) whatever the bulk API version; the session works with any version.
/// Prefer <see cref="JwtBearerCredential"/> or <see cref="ClientCredentialsCredential"/> for new set-ups.
/// </remarks>
public sealed class SoapLoginCredential : SalesforceCredential
{
    /// <summary>The newest API version that still offers <c>login()</c>.</summary>
    public const string DefaultLoginApiVersion = "64.0";

    private readonly string _password;
    private readonly string? _securityToken;

    /// <summary>Creates the credential.</summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="securityToken">The security token (appended to the password), or null when the IP is trusted.</param>
    /// <param name="loginApiVersion">The API version of the login call; null means <see cref="DefaultLoginApiVersion"/>.</param>
    public SoapLoginCredential(string username, string password, string? securityToken = null, string? loginApiVersion = null)
    {
        Username = Required(username, nameof(username));
        _password = Required(password, nameof(password));
        _securityToken = string.IsNullOrEmpty(securityToken) ? null : securityToken;
        LoginApiVersion = loginApiVersion ?? DefaultLoginApiVersion;
        if (!ConnectionRules.TryValidateApiVersion(LoginApiVersion, out var error))
        {
            throw new ArgumentException(error, nameof(loginApiVersion));
        }
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The API version of the <c>login()</c> call.</summary>
    /// <value>The default value is <c>64.0</c>.</value>
    public string LoginApiVersion { get; }

    /// <inheritdoc />
    public override string Kind => "soap-login";

    private protected override string Describe() => "user=" + Username;

    internal override async Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken)
    {
        var envelope = new StringBuilder(512)
            .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
            .Append("<env:Envelope xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\">")
            .Append("<env:Body><n1:login xmlns:n1=\"urn:partner.soap.sforce.com\">")
            .Append("<n1:username>").Append(SecurityElement.Escape(Username)).Append("</n1:username>")
            .Append("<n1:password>").Append(SecurityElement.Escape(_password + _securityToken)).Append("</n1:password>")
            .Append("</n1:login></env:Body></env:Envelope>");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["SOAPAction"] = "login" };
        var response = await context.PostAsync(
            "services/Soap/u/" + LoginApiVersion,
            Encoding.UTF8.GetBytes(envelope.ToString()),
            "text/xml; charset=UTF-8",
            headers,
            null,
            cancellationToken).ConfigureAwait(false);
        return SoapLoginResponse.Read(response, ConnectionUrls.Origin(context.LoginUrl));
    }
}
