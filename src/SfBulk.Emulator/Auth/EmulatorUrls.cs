namespace SfBulk.Emulator.Auth;

/// <summary>URLs the emulator hands out, built from the host the client called (login URL = instance URL).</summary>
internal static class EmulatorUrls
{
    /// <summary>The scheme and authority of the request without a trailing slash, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public static string BaseUrl(this HttpRequest request) => request.Scheme + "://" + request.Host.Value;

    /// <summary>The identity URL Salesforce returns as <c>id</c>: <c>{base}/id/{orgId}/{userId}</c>.</summary>
    public static string IdentityUrl(this HttpRequest request, string orgId, string userId) =>
        request.BaseUrl() + "/id/" + orgId + "/" + userId;
}
