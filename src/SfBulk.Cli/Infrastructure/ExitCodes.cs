namespace SfBulk.Cli.Infrastructure;

/// <summary>The process exit codes, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Every job is in the requested state (including "already closed").</summary>
    public const int Success = 0;

    /// <summary>Some jobs of several failed; the output says which and why.</summary>
    public const int PartialFailure = 1;

    /// <summary>Usage error or bad input.</summary>
    public const int UsageError = 2;

    /// <summary>Login failed (SalesforceLoginException).</summary>
    public const int LoginFailed = 3;

    /// <summary>No usable connection (SalesforceConnectionNotFoundException).</summary>
    public const int ConnectionNotFound = 4;

    /// <summary>Salesforce API error (SalesforceRestException).</summary>
    public const int ApiError = 5;

    /// <summary>The operation timed out (or reached its call limit).</summary>
    public const int Timeout = 6;

    /// <summary>
    /// A watch or sweep stopped at <c>--min-api-remaining</c>: going on would take the org's remaining daily API
    /// requests below the floor. Shares 6 with timeouts: a limit the user set stopped the work, which can be resumed.
    /// </summary>
    public const int ApiFloorReached = 6;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
