using System.Text.Json;
using SfBulk.Connection;
using SfBulk.Diagnostics;

namespace SfBulk.Authentication;

/// <summary>Calls the OAuth 2.0 token endpoint <c>/services/oauth2/token</c> and reads its answer.</summary>
internal static class OAuthTokenClient
{
    public const string TokenPath = "services/oauth2/token";

    /// <summary>POSTs the form and returns the session; OAuth errors become <see cref="SalesforceLoginException"/> with the <c>error</c> code.</summary>
    public static Task<SalesforceSession> RequestAsync(
        LoginContext context,
        string flow,
        byte[] form,
        KeyValuePair<string, string>? basicAuth,
        CancellationToken cancellationToken) =>
        RequestAsync(context, flow, () => form, basicAuth, cancellationToken);

    /// <summary>POSTs the form <paramref name="form"/> builds (again for every attempt) and returns the session.</summary>
    public static async Task<SalesforceSession> RequestAsync(
        LoginContext context,
        string flow,
        Func<byte[]> form,
        KeyValuePair<string, string>? basicAuth,
        CancellationToken cancellationToken)
    {
        var response = await context.PostAsync(TokenPath, form, "application/x-www-form-urlencoded", null, basicAuth, cancellationToken).ConfigureAwait(false);
        return Read(response, flow, context.LoginUrl);
    }

    /// <summary>Reads the token endpoint's answer: the session, or <see cref="SalesforceLoginException"/> for anything else.</summary>
    public static SalesforceSession Read(Http.ApiResponse response, string flow, Uri loginUrl)
    {
        string? accessToken = null, instanceUrl = null, error = null, description = null, identity = null;
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                accessToken = Get(json.RootElement, "access_token");
                instanceUrl = Get(json.RootElement, "instance_url");
                identity = Get(json.RootElement, "id");
                error = Get(json.RootElement, "error");
                description = ServerText.Clean(Get(json.RootElement, "error_description"));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 or holds a lone surrogate escape.
        }

        if (response.IsSuccess && error is null)
        {
            var (orgId, userId) = IdentityIds(identity);
            return SalesforceSession.Create(instanceUrl, accessToken, $"The OAuth {flow} login") with { OrgId = orgId, UserId = userId };
        }

        if (error is not null)
        {
            throw new SalesforceLoginException(
                $"The OAuth {flow} login at {ConnectionUrls.Origin(loginUrl)} was refused: {error}{(description is null ? string.Empty : ": " + description)}.{Hint(error)}",
                error, response.StatusCode);
        }

        throw new SalesforceLoginException(
            $"The OAuth {flow} login at {ConnectionUrls.Origin(loginUrl)} answered HTTP {(int)response.StatusCode} without an OAuth answer. Check the login URL.",
            SfBulkErrorCodes.InvalidResponse, response.StatusCode);
    }

    private static string Hint(string error) => error switch
    {
        "invalid_client_id" => " Check the client id (consumer key) of the connected app.",
        "invalid_client" => " Check the client secret (consumer secret).",
        "invalid_grant" => " Check the user name, password/token or key, that the flow is enabled for the org, and that the user is pre-authorized for the connected app (profile or permission set).",
        "unsupported_grant_type" => " The org does not allow this flow.",
        _ => string.Empty,
    };

    private static string? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The org and user ids of an identity URL, <c>https://login.salesforce.com/id/00D…/005…</c>; nulls otherwise.</summary>
    internal static (string? OrgId, string? UserId) IdentityIds(string? identityUrl)
    {
        if (!Uri.TryCreate(identityUrl, UriKind.Absolute, out var url))
        {
            return (null, null);
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is [.., "id", var org, var user] && org.StartsWith("00D", StringComparison.Ordinal) && user.StartsWith("005", StringComparison.Ordinal)
            ? (org, user)
            : (null, null);
    }
}
