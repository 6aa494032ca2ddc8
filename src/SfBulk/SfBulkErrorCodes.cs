namespace SfBulk;

/// <summary>Error codes sfbulk itself assigns (Salesforce's own codes are passed through unchanged).</summary>
public static class SfBulkErrorCodes
{
    /// <summary>An argument was rejected before any request was sent.</summary>
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>The request could not be sent or no response arrived (DNS, TCP, TLS, dropped connection).</summary>
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>A response arrived but could not be understood (HTML page, truncated or malformed body).</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>An external session expired; it cannot be refreshed because sfbulk does not own its credentials.</summary>
    public const string ExternalSessionExpired = "EXTERNAL_SESSION_EXPIRED";

    /// <summary>A redirect pointed to another host; it was not followed so the session is not sent there.</summary>
    public const string RedirectRefused = "REDIRECT_REFUSED";

    /// <summary>A watch or sweep stopped to keep the org's remaining daily API requests at or above the floor it was given.</summary>
    public const string ApiFloorReached = "API_FLOOR_REACHED";
}
