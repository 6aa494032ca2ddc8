using SfBulk.Connection;

namespace SfBulk.Authentication;

/// <summary>A logged-in session: the instance to call and the session id / access token. Never logged.</summary>
/// <param name="InstanceUrl">The org's instance or My Domain URL (scheme and host).</param>
/// <param name="AccessToken">The session id (SOAP) or access token (OAuth).</param>
internal sealed record SalesforceSession(Uri InstanceUrl, string AccessToken)
{
    /// <summary>The org id the login reported (SOAP <c>organizationId</c>, the OAuth identity URL), or null.</summary>
    public string? OrgId { get; init; }

    /// <summary>The user id the login reported (SOAP <c>userId</c>, the OAuth identity URL), or null.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The org id: as the login reported it, else the part of a session id before <c>!</c>, which is the org id
    /// (<c>00D…!…</c>); null when neither says.
    /// </summary>
    public string? KnownOrgId
    {
        get
        {
            if (OrgId is not null)
            {
                return OrgId;
            }

            var bang = AccessToken.IndexOf('!', StringComparison.Ordinal);
            return bang is 15 or 18 && AccessToken.StartsWith("00D", StringComparison.Ordinal) ? AccessToken[..bang] : null;
        }
    }

    /// <summary>Describes the session without its token.</summary>
    public override string ToString() => "SalesforceSession(" + InstanceUrl + ", token=REDACTED)";

    /// <summary>Prints the members without the token (the generated one would print it).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("InstanceUrl = ").Append(InstanceUrl).Append(", AccessToken = REDACTED");
        return true;
    }

    /// <summary>Checks the instance URL (absolute, https unless loopback) and returns the session with its origin only.</summary>
    public static SalesforceSession Create(string? instanceUrl, string? accessToken, string source)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new SalesforceLoginException($"{source} returned no session id or access token.", SfBulkErrorCodes.InvalidResponse);
        }

        if (!Uri.TryCreate(instanceUrl, UriKind.Absolute, out var url))
        {
            throw new SalesforceLoginException($"{source} returned no usable instance URL.", SfBulkErrorCodes.InvalidResponse);
        }

        try
        {
            ConnectionUrls.RequireSecure(url, "instance URL");
        }
        catch (ArgumentException ex)
        {
            throw new SalesforceLoginException($"{source} returned an instance URL that sfbulk will not send a session to: {ex.Message}", SfBulkErrorCodes.InvalidResponse, null, ex);
        }

        return new SalesforceSession(ConnectionUrls.Origin(url), accessToken);
    }
}
