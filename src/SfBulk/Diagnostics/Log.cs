using Microsoft.Extensions.Logging;

namespace SfBulk.Diagnostics;

/// <summary>
/// sfbulk's log messages (source-generated). Messages carry URLs, statuses, allow-listed headers and durations;
/// never bodies, session ids, passwords or keys.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "[{Connection}] Sending {Method} {Url} {Headers}")]
    public static partial void Request(ILogger logger, string connection, string method, string url, string headers);

    [LoggerMessage(2, LogLevel.Information, "[{Connection}] {Method} {Url} answered {Status} in {ElapsedMs} ms {Headers}")]
    public static partial void Response(ILogger logger, string connection, string method, string url, int status, long elapsedMs, string headers);

    [LoggerMessage(3, LogLevel.Information, "[{Connection}] {Method} {Url} failed after {ElapsedMs} ms: {Reason}")]
    public static partial void NetworkFailure(ILogger logger, string connection, string method, string url, long elapsedMs, string reason);

    [LoggerMessage(4, LogLevel.Information, "[{Connection}] Retry {Attempt} of {Method} {Url} in {DelayMs} ms ({Reason})")]
    public static partial void Retry(ILogger logger, string connection, int attempt, string method, string url, long delayMs, string reason);

    [LoggerMessage(5, LogLevel.Information, "[{Connection}] Logging in with {Credential} at {LoginUrl}")]
    public static partial void LoggingIn(ILogger logger, string connection, string credential, string loginUrl);

    [LoggerMessage(6, LogLevel.Information, "[{Connection}] Logged in; instance {InstanceUrl}")]
    public static partial void LoggedIn(ILogger logger, string connection, string instanceUrl);

    [LoggerMessage(7, LogLevel.Information, "[{Connection}] Session expired ({Method} {Url} answered {Status}); refreshing it")]
    public static partial void SessionExpired(ILogger logger, string connection, string method, string url, int status);

    [LoggerMessage(8, LogLevel.Warning, "[{Connection}] Redirect from {Url} to another host {Target} refused")]
    public static partial void RedirectRefused(ILogger logger, string connection, string url, string target);

    [LoggerMessage(9, LogLevel.Warning, "{Message}")]
    public static partial void DeprecatedSetting(ILogger logger, string message);
}
