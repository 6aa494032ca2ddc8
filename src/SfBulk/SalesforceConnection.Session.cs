using SfBulk.Authentication;
using SfBulk.Diagnostics;

namespace SfBulk;

/// <summary>The session cache: lazy login, single-flight refresh.</summary>
public sealed partial class SalesforceConnection
{
    private readonly Lock _sessionGate = new();
    private SalesforceSession? _session;
    private Task<SalesforceSession>? _login;

    /// <summary>
    /// Returns the cached session, or logs in. With <paramref name="expired"/> (the session Salesforce just refused)
    /// a new session is obtained unless another caller already replaced it; concurrent callers share one login.
    /// </summary>
    internal async Task<SalesforceSession> GetSessionAsync(SalesforceSession? expired, CancellationToken cancellationToken)
    {
        Task<SalesforceSession> login;
        _refusal.ThrowIfRefused();
        if (_renewer is not null)
        {
            return await RenewThroughSharedAsync(expired, cancellationToken).ConfigureAwait(false);
        }

        lock (_sessionGate)
        {
            if (_session is { } current && !ReferenceEquals(current, expired))
            {
                return current;
            }

            if (expired is not null && !Credential.CanRefresh)
            {
                throw new SalesforceLoginException(Credential.ExpiredMessage, SfBulkErrorCodes.ExternalSessionExpired);
            }

            if (_login is null || _login.IsCompleted)
            {
                _session = null;
                var refresh = expired is not null;
                _login = Task.Run(() => LoginAsync(refresh), CancellationToken.None);
            }

            login = _login;
        }

        return await login.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A per-call connection's session: the one it was given until Salesforce refuses it, then the shared
    /// connection's, but only when the shared connection's instance host is the host the given session belongs to.
    /// </summary>
    private async Task<SalesforceSession> RenewThroughSharedAsync(SalesforceSession? expired, CancellationToken cancellationToken)
    {
        SalesforceSession? given;
        lock (_sessionGate)
        {
            if (_session is { } current && !ReferenceEquals(current, expired))
            {
                return current;
            }

            given = _session ?? expired;
        }

        var shared = await _renewer!.GetSessionAsync(expired, cancellationToken).ConfigureAwait(false);
        if (given is not null && !string.Equals(given.InstanceUrl.IdnHost, shared.InstanceUrl.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new SalesforceLoginException(
                $"The given session for {given.InstanceUrl.GetLeftPart(UriPartial.Authority)} expired, and it was not renewed: the connection '{_renewer.Name}' logs in to {shared.InstanceUrl.GetLeftPart(UriPartial.Authority)}, another host, and sfbulk never lends a connection's credentials to another org. Pass a new session id, or use ServerUrl {shared.InstanceUrl.GetLeftPart(UriPartial.Authority)} to renew through the connection.",
                SfBulkErrorCodes.ExternalSessionExpired);
        }

        lock (_sessionGate)
        {
            _session = shared;
        }

        return shared;
    }

    private async Task<SalesforceSession> LoginAsync(bool refresh)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        var kind = new KeyValuePair<string, object?>("sfbulk.credential", Credential.Kind);
        if (refresh)
        {
            SfBulkDiagnostics.SessionRefreshes.Add(1, kind);
        }

        using var activity = SfBulkDiagnostics.ActivitySource.StartActivity("SfBulk.Login");
        activity?.SetTag("sfbulk.credential", Credential.Kind);
        Log.LoggingIn(_logger, Name, Credential.ToString(), LoginUrl.GetLeftPart(UriPartial.Authority));
        try
        {
            var session = await Credential.LoginAsync(new LoginContext(LoginUrl, _transport, Time, _loginRetry), _lifetime.Token).ConfigureAwait(false);
            SfBulkDiagnostics.Logins.Add(1, kind, new("sfbulk.outcome", "success"));
            Log.LoggedIn(_logger, Name, session.InstanceUrl.GetLeftPart(UriPartial.Authority));
            lock (_sessionGate)
            {
                _session = session;
            }

            return session;
        }
        catch (Exception ex)
        {
            if (LoginRefusal.IsCredentialRefusal(ex))
            {
                _refusal.Remember((SalesforceLoginException)ex);
            }

            SfBulkDiagnostics.Logins.Add(1, kind, new("sfbulk.outcome", ex is SalesforceException se ? se.ErrorCode ?? "error" : "error"));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw;
        }
    }
}
