using System.Text.Json;

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
        string? accessToken = null, instanceUrl = null, error = null, description = null;
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                accessToken = Get(json.RootElement, "access_token");
                instanceUrl = Get(json.RootElement, "instance_url");
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
            return SalesforceSession.Create(instanceUrl, accessToken, $"The OAuth {flow} login");
        }

        if (error is not null)
        {
            throw new SalesforceLoginException(
                $"The OAuth {flow} login at {ConnectionUrls.Origin(loginUrl)} was refused: {error}{(description is null ? string.Empty : ": " + description)}.{Hint(error, description)}",
                error, response.StatusCode);
        }

        throw new SalesforceLoginException(
            $"The OAuth {flow} login at {ConnectionUrls.Origin(loginUrl)} answered HTTP {(int)response.StatusCode} without an OAuth answer. Check the login URL.",
            SfBulkErrorCodes.InvalidResponse, response.StatusCode);
    }

    private static string Hint(string error, string? description) => error switch
    {
        "invalid_client_id" => " Check the client id (consumer key) of the connected app.",
        "invalid_client" => " Check the client secret (consumer secret).",
        "invalid_grant" when description?.Contains("approved", StringComparison.OrdinalIgnoreCase) == true =>
            " Pre-authorize the user for the connected app (profile or permission set).",
        "invalid_grant" => " Check the user name, password/token or key, and that the flow is enabled for the org.",
        "unsupported_grant_type" => " The org does not allow this flow.",
        _ => string.Empty,
    };

    private static string? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
