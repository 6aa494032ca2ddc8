using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Tests.Security;

namespace SfBulk.Tests.BadInput;

/// <summary>A connection to a <see cref="CannedServer"/> with the canary session id, no retries and a short request timeout.</summary>
internal static class CannedConnection
{
    public static SalesforceConnection Create(CannedServer server, int maxBodyBytes = 16 * 1024 * 1024, Microsoft.Extensions.Logging.ILoggerFactory? logs = null) => new(
        new SalesforceConnectionOptions
        {
            Name = "canned",
            LoginUrl = server.BaseUri,
            Credential = new ExternalSessionCredential(server.BaseUri, Canaries.SessionId),
            Retry = new SalesforceRetryOptions { Enabled = false },
            RequestTimeout = TimeSpan.FromSeconds(20),
            MaxResponseBodyBytes = maxBodyBytes,
        },
        logs);
}
