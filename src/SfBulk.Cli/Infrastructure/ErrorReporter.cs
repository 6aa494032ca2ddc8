using System.Globalization;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Turns any failure into an exit code and a message a person can act on; never a stack trace.</summary>
internal static class ErrorReporter
{
    /// <summary>The exit code for a failure.</summary>
    public static int ExitCodeOf(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        OperationCanceledException => ExitCodes.Cancelled,
        SalesforceTimeoutException => ExitCodes.Timeout,
        ApiFloorReachedException => ExitCodes.ApiFloorReached,
        SalesforceConnectionNotFoundException => ExitCodes.ConnectionNotFound,
        SalesforceLoginException => ExitCodes.LoginFailed,
        SalesforceRestException { ErrorCode: SfBulkErrorCodes.InvalidArgument, StatusCode: null } => ExitCodes.UsageError,
        SalesforceRestException => ExitCodes.ApiError,
        ArgumentException or FormatException => ExitCodes.UsageError,
        _ => ExitCodes.PartialFailure,
    };

    /// <summary>One line describing the failure: Salesforce's code and HTTP status first when there are any.</summary>
    public static string Describe(Exception exception)
    {
        switch (exception)
        {
            case SalesforceException { ErrorCode: { } code } se when se is not SalesforceConnectionNotFoundException:
                var status = se.StatusCode is { } s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {(int)s})") : string.Empty;
                return $"{code}{status}: {se.Message}";
            case SalesforceException or CliException or ArgumentException or FormatException:
                return exception.Message;
            case OperationCanceledException:
                return "Cancelled.";
            default:
                return $"sfbulk failed unexpectedly ({exception.GetType().Name}): {exception.Message} Run again with -v diag to see the HTTP exchange, and report the problem if it persists.";
        }
    }

    /// <summary>What to try next, or null.</summary>
    public static string? Hint(Exception exception) => exception switch
    {
        SalesforceTimeoutException => "Give more time with --timeout, or read the job with 'sfbulk show <job-id>' to see its state.",
        SalesforceLoginException { ErrorCode: SfBulkErrorCodes.ExternalSessionExpired } =>
            "Pass a new session id, or use a connection that can log in ('sfbulk connection add --help').",
        SalesforceLoginException => "Check the connection's login URL and credentials with 'sfbulk connection test'.",
        SalesforceConnectionNotFoundException => null,
        SalesforceRestException { ErrorCode: SfBulkErrorCodes.NetworkError } =>
            "Check the URL and your network; run with -v diag to see the HTTP exchange.",
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
