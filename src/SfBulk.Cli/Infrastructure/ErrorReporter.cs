using System.Globalization;
using SfBulk.Limits;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Turns any failure into an exit code and a message a person can act on; never a stack trace.</summary>
internal static class ErrorReporter
{
    /// <summary>The exit code for a failure.</summary>
    public static int ExitCodeOf(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        OperationCanceledException => ExitCodes.Cancelled,
        SalesforceTimeoutException or ApiFloorReachedException => ExitCodes.LimitReached,
        SalesforceConnectionNotFoundException => ExitCodes.ConnectionNotFound,
        SalesforceLoginException => ExitCodes.LoginFailed,
        SalesforceRestException { ErrorCode: SfBulkErrorCodes.InvalidArgument, StatusCode: null } => ExitCodes.UsageError,
        SalesforceRestException => ExitCodes.ApiError,
        ArgumentException or FormatException => ExitCodes.UsageError,
        _ => ExitCodes.PartialFailure,
    };

    /// <summary>
    /// One line describing the failure: Salesforce's code once, first, with the HTTP status of an API answer (not of a
    /// login fault, whose HTTP 500 says nothing more), then the message without the code and request it repeats.
    /// </summary>
    public static string Describe(Exception exception)
    {
        switch (exception)
        {
            case SalesforceException { ErrorCode: { } code } se when se is not SalesforceConnectionNotFoundException:
                var status = se is not SalesforceLoginException && se.StatusCode is { } s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {(int)s})") : string.Empty;
                return $"{code}{status}: {Message(se, code)}";
            case SalesforceException or CliException or ArgumentException or FormatException:
                return exception.Message;
            case OperationCanceledException:
                return "Cancelled.";
            default:
                return $"sfbulk failed unexpectedly ({exception.GetType().Name}): {exception.Message} Run again with -v diag to see the HTTP exchange, and report the problem if it persists.";
        }
    }

    /// <summary>
    /// The exception's message without what <see cref="Describe"/> already shows: the error code it starts with (or
    /// quotes from Salesforce's fault text), and the <c>(POST https://… → HTTP 400)</c> the library appends (the
    /// request is in the log at <c>-v d</c>).
    /// </summary>
    public static string Message(SalesforceException exception, string code)
    {
        var message = exception.Message;
        if (exception is SalesforceRestException { RequestUri: { } uri, StatusCode: { } status } rest)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $" ({rest.RequestMethod} {uri} → HTTP {(int)status})");
            if (message.EndsWith(where, StringComparison.Ordinal))
            {
                message = message[..^where.Length];
            }
        }

        var repeated = message.IndexOf(code + ": ", StringComparison.Ordinal);
        if (repeated >= 0)
        {
            message = message.Remove(repeated, code.Length + 2);
        }

        return message;
    }

    /// <summary>What to try next, as a command to paste where there is one; or null.</summary>
    public static string? Hint(Exception exception) => exception switch
    {
        SalesforceTimeoutException => "Give it more time with --timeout (for example --timeout 10m), or read the job's state: sfbulk show <job-id>",
        SalesforceLoginException { ErrorCode: SfBulkErrorCodes.ExternalSessionExpired } =>
            "Pass a new session id (--session-id -), or use a connection that can log in again: sfbulk connection add --help",
        SalesforceLoginException =>
            "See the connection's login URL and user with 'sfbulk connection list', then store the right ones: sfbulk connection add <name> --force --credential <kind> --login-url <url> --username <user> --password -",
        SalesforceConnectionNotFoundException => null,
        SalesforceRestException { ErrorCode: SfBulkErrorCodes.NetworkError } =>
            "Check the URL ('sfbulk connection list' shows it) and the network; to see the HTTP exchange, run the same command again with -v diag",
        _ => null,
    };

    /// <summary>Writes <c>error: …</c> (and a hint) to standard error; returns the exit code.</summary>
    public static int Report(Exception exception, Verbosity verbosity)
    {
        var code = ExitCodeOf(exception);
        if (code == ExitCodes.Cancelled)
        {
            Console.Error.WriteLine("Cancelled.");
            return code;
        }

        Console.Error.WriteLine("error: " + Describe(exception));
        if (verbosity > Verbosity.Quiet && Hint(exception) is { } hint)
        {
            Console.Error.WriteLine("hint: " + hint);
        }

        return code;
    }
}
