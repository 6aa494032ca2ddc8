using System.Runtime.ExceptionServices;

namespace SfBulk.Authentication;

/// <summary>
/// The memory of a refused login, shared by a connection and the per-call connections made from it: once Salesforce
/// refuses the credentials (decided by the fault's code, never its words), or refuses a freshly obtained session again
/// at once, every later call fails with the same <see cref="SalesforceLoginException"/> without a new login request.
/// Logging in again and again with refused credentials is what locks a user out (Salesforce locks the user after a
/// few failed logins) and fills the org's login history.
/// </summary>
internal sealed class LoginRefusal
{
    /// <summary>The login fault codes that mean "these credentials are refused": the same login would be refused again.</summary>
    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        // SOAP login() faults.
        "INVALID_LOGIN",
        "LOGIN_MUST_USE_SECURITY_TOKEN",
        "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
        "PASSWORD_LOCKOUT",
        "LOGIN_CHALLENGE_ISSUED",
        "API_DISABLED_FOR_ORG",
        "API_CURRENTLY_DISABLED",
        "INSUFFICIENT_ACCESS",
        "UNSUPPORTED_API_VERSION",

        // OAuth 2.0 token endpoint errors.
        "invalid_grant",
        "invalid_client",
        "invalid_client_id",
        "invalid_client_credentials",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_request",
        "invalid_scope",
        "inactive_user",
        "inactive_org",
        "invalid_app_access",
    };

    private SalesforceLoginException? _refusal;

    /// <summary>The remembered refusal, or null.</summary>
    public SalesforceLoginException? Current => Volatile.Read(ref _refusal);

    /// <summary>True when <paramref name="exception"/> says Salesforce refused the credentials themselves.</summary>
    public static bool IsCredentialRefusal(Exception exception) =>
        exception is SalesforceLoginException { ErrorCode: { } code } && CredentialCodes.Contains(code);

    /// <summary>Remembers <paramref name="refusal"/> unless a refusal is already remembered.</summary>
    public void Remember(SalesforceLoginException refusal) => Interlocked.CompareExchange(ref _refusal, refusal, null);

    /// <summary>Throws the remembered refusal, if any.</summary>
    public void ThrowIfRefused()
    {
        if (Current is { } refusal)
        {
            ExceptionDispatchInfo.Throw(refusal);
        }
    }
}
