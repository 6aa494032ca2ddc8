namespace SfBulk.Activity;

/// <summary>The Close Job activity's input document: <c>CloseJobConnection</c> (optional), <c>CloseJob</c>, <c>CloseJobOptional</c>.</summary>
public sealed class CloseJobInput
{
    /// <summary>Overrides the shared connection's session for this call; null uses the shared connection.</summary>
    public CloseJobConnection? CloseJobConnection { get; set; }

    /// <summary>The job and the state to put it in.</summary>
    public CloseJob CloseJob { get; set; } = new();

    /// <summary>Optional settings; null uses the defaults.</summary>
    public CloseJobOptional? CloseJobOptional { get; set; }
}

/// <summary>A session obtained elsewhere, used instead of the shared connection's (the reference's <c>CloseJobConnection</c>).</summary>
public sealed class CloseJobConnection
{
    /// <summary>The instance URL or SOAP <c>serverUrl</c> the session belongs to.</summary>
    public string? ServerUrl { get; set; }

    /// <summary>The session id or access token; a secret, never printed.</summary>
    public string? SessionId { get; set; }

    /// <summary>
    /// True when the session is external and must never be refreshed: when it expires the call fails with
    /// <see cref="SalesforceLoginException"/>. False lets the shared connection log in again when it expires.
    /// </summary>
    public bool ExternalSessionIdUsed { get; set; }

    /// <summary>Describes the connection without the session id.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CloseJobConnection({ServerUrl}, SessionId={(string.IsNullOrEmpty(SessionId) ? "none" : "REDACTED")}, ExternalSessionIdUsed={ExternalSessionIdUsed})";
}

/// <summary>The job to close and the state to put it in (the reference's <c>CloseJob</c>).</summary>
public sealed class CloseJob
{
    /// <summary>The 15- or 18-character job id.</summary>
    public string? JobId { get; set; }

    /// <summary><c>Closed</c> or <c>Aborted</c> (any case); null or empty means <c>Closed</c>.</summary>
    public string? State { get; set; }
}

/// <summary>Optional settings (the reference's <c>CloseJobOptional</c>).</summary>
public sealed class CloseJobOptional
{
    /// <summary>The timeout of the whole operation in milliseconds; null or 0 waits as long as it takes.</summary>
    public long? Timeout { get; set; }
}
