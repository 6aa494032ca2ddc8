using SfBulk.Connection;
using SfBulk.Jobs;

namespace SfBulk.Activity;

/// <summary>
/// The "Salesforce Close Job" activity: input <see cref="CloseJobInput"/>, output <see cref="SalesforceCloseJobOutput"/>,
/// faults <see cref="SalesforceRestException"/>, <see cref="SalesforceLoginException"/>,
/// <see cref="SalesforceConnectionNotFoundException"/> (and <see cref="SalesforceTimeoutException"/> when the
/// timeout elapses). Thread-safe; create one per shared connection.
/// </summary>
public class CloseJobActivity
{
    private readonly SalesforceConnection? _sharedConnection;
    private readonly BulkJobClientOptions? _options;

    /// <summary>Creates the activity.</summary>
    /// <param name="sharedConnection">The shared Salesforce connection; null when every call brings its own session.</param>
    /// <param name="options">Client settings, copied per call; null uses the defaults.</param>
    public CloseJobActivity(SalesforceConnection? sharedConnection, BulkJobClientOptions? options = null)
    {
        _sharedConnection = sharedConnection;
        _options = options;
    }

    /// <summary>For mocking.</summary>
    protected CloseJobActivity()
    {
    }

    /// <summary>Closes or aborts the job the input names and returns its JobInfo.</summary>
    /// <param name="input">The input document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The output document.</returns>
    /// <exception cref="SalesforceRestException">Invalid input (code <c>INVALID_ARGUMENT</c>), or Salesforce refused the change.</exception>
    /// <exception cref="SalesforceLoginException">Logging in failed, or the external session expired.</exception>
    /// <exception cref="SalesforceConnectionNotFoundException">No session was given and no shared connection is configured.</exception>
    /// <exception cref="SalesforceTimeoutException">The timeout elapsed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<SalesforceCloseJobOutput> ExecuteAsync(CloseJobInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var options = Options(input);
        var jobId = input.CloseJob?.JobId;
        if (!JobId.TryNormalize(jobId, out _, out var idError))
        {
            throw Invalid(idError);
        }

        var (connection, owned) = Connect(input.CloseJobConnection);
        try
        {
            var client = new BulkJobClient(connection, _options);
            var result = await client.CloseJobAsync(jobId!, options, cancellationToken).ConfigureAwait(false);
            return new SalesforceCloseJobOutput(new CloseJobOutputResult(result.Job), result);
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message, e);
        }
        finally
        {
            if (owned)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>The fault document of an exception <see cref="ExecuteAsync"/> raised.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The fault document.</returns>
    public static CloseJobFault ToFault(SalesforceException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new CloseJobFault(exception);
    }

    private static CloseJobOptions Options(CloseJobInput input)
    {
        var state = input.CloseJob?.State;
        var target = CloseJobState.Closed;
        if (!string.IsNullOrWhiteSpace(state) && !CloseJobState.TryParse(state, out target))
        {
            throw Invalid($"state '{state}' is not valid: use Closed or Aborted.");
        }

        var timeout = input.CloseJobOptional?.Timeout;
        if (timeout < 0)
        {
            throw Invalid($"timeout {timeout} ms is negative: give 0 or nothing to wait as long as it takes.");
        }

        if (timeout > (long)CloseJobOptions.MaxTimeout.TotalMilliseconds)
        {
            throw Invalid($"timeout {timeout} ms is longer than the maximum of {CloseJobOptions.MaxTimeout.TotalDays:0} days: give 0 or nothing to wait as long as it takes.");
        }

        return new CloseJobOptions
        {
            TargetState = target,

            // The reference treats an empty timeout as infinite; 0 is read the same way.
            Timeout = timeout is null or 0 ? null : TimeSpan.FromMilliseconds(timeout.Value),
        };
    }

    private (SalesforceConnection Connection, bool Owned) Connect(CloseJobConnection? overrides)
    {
        if (overrides is { SessionId: { Length: > 0 } sessionId })
        {
            // A path such as "/services" parses as an absolute file: URL on Unix; only web URLs are URLs here.
            if (!Uri.TryCreate(overrides.ServerUrl, UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
            {
                throw Invalid($"ServerUrl {ConnectionRules.DescribeUrl(overrides.ServerUrl)} is not an absolute web URL; give the instance URL or SOAP serverUrl the session belongs to.");
            }

            try
            {
                if (_sharedConnection is not null)
                {
                    return (_sharedConnection.WithSession(serverUrl, sessionId, overrides.ExternalSessionIdUsed), true);
                }

                return (SalesforceConnection.FromExternalSession(serverUrl, sessionId), true);
            }
            catch (ArgumentException e)
            {
                throw Invalid(e.Message, e);
            }
        }

        return _sharedConnection is null
            ? throw new SalesforceConnectionNotFoundException(
                "No Salesforce connection: configure the shared connection, or give CloseJobConnection with ServerUrl and SessionId.")
            : (_sharedConnection, false);
    }

    private static SalesforceRestException Invalid(string message, Exception? inner = null) =>
        new("Invalid Close Job input: " + message, SfBulkErrorCodes.InvalidArgument, null, null, null, inner);
}
