namespace SfBulk.Authentication;

/// <summary>
/// How a <see cref="SalesforceConnection"/> logs in. Pick the one that matches how the org lets you in:
/// <see cref="JwtBearerCredential"/> or <see cref="ClientCredentialsCredential"/> for unattended use (recommended),
/// <see cref="RefreshTokenCredential"/>, <see cref="SalesforceCliCredential"/> for a developer's machine,
/// <see cref="ExternalSessionCredential"/> for a session obtained elsewhere, and the retiring
/// <see cref="SoapLoginCredential"/> and <see cref="UsernamePasswordCredential"/>.
/// </summary>
/// <remarks>
/// Credentials are immutable and thread-safe. Their <see cref="ToString"/> never shows a secret, and no secret
/// they hold appears in logs or exception messages.
/// </remarks>
public abstract class SalesforceCredential
{
    private protected SalesforceCredential()
    {
    }

    /// <summary>A short name of the login flow, e.g. <c>jwt-bearer</c>; used in logs and metrics.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// True when sfbulk can log in again after the session expires; false for sessions obtained elsewhere
    /// (<see cref="ExternalSessionCredential"/>, <see cref="SalesforceCliCredential"/>): their expiry is an error.
    /// </summary>
    public virtual bool CanRefresh => true;

    /// <summary>Describes the credential without its secrets, e.g. <c>jwt-bearer(user=ops@example.com)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind + "(" + Describe() + ")";

    /// <summary>Non-secret details for <see cref="ToString"/>.</summary>
    private protected abstract string Describe();

    /// <summary>Logs in and returns the new session.</summary>
    internal abstract Task<SalesforceSession> LoginAsync(LoginContext context, CancellationToken cancellationToken);

    /// <summary>The message of the fault raised when a non-refreshable session expired.</summary>
    internal virtual string ExpiredMessage =>
        "The session expired and cannot be refreshed because it was obtained outside sfbulk. Obtain a new session and try again.";

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> is null, empty or white space.</summary>
    private protected static string Required(string? value, string parameterName) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{parameterName} is required.", parameterName) : value;
}
