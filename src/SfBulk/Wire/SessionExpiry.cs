using System.Net;

namespace SfBulk.Wire;

/// <summary>
/// Recognizes "your session expired" answers: Bulk 1.0 sends HTTP 400 with exception code <c>InvalidSessionId</c>
/// (XML or JSON), REST and Bulk 2.0 send HTTP 401 (<c>INVALID_SESSION_ID</c>).
/// </summary>
internal static class SessionExpiry
{
    /// <summary>True when <paramref name="response"/> says the session is invalid or expired.</summary>
    public static bool IsExpired(ApiFamily family, ApiResponse response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        return family == ApiFamily.BulkV1 && response.StatusCode == HttpStatusCode.BadRequest
            && string.Equals(ApiErrors.Read(response).Code, "InvalidSessionId", StringComparison.OrdinalIgnoreCase);
    }
}
