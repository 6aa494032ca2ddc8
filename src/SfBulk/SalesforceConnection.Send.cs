using Polly;
using SfBulk.Authentication;
using SfBulk.Diagnostics;
using SfBulk.Wire;

namespace SfBulk;

/// <summary>Sending API requests with the session, retries and one session refresh.</summary>
public sealed partial class SalesforceConnection
{
    /// <summary>
    /// Sends <paramref name="request"/> with the session's auth header, refreshing the session once (single-flight)
    /// when Salesforce reports it expired and sending the request again; replays idempotent requests on network
    /// failures, 5xx and throttling, and others (close, abort) only on throttling refusals. Returns every response that arrives, error statuses included, except the
    /// session-expiry one. Throws <see cref="SalesforceRestException"/> (code NETWORK_ERROR) when no response
    /// arrives and <see cref="SalesforceLoginException"/> when logging in fails or an external session expired.
    /// </summary>
    internal async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        var session = await GetSessionAsync(null, cancellationToken).ConfigureAwait(false);
        var response = await SendWithRetriesAsync(request, session, cancellationToken).ConfigureAwait(false);
        if (!SessionExpiry.IsExpired(request.Family, response))
        {
            return response;
        }

        Log.SessionExpired(_logger, Name, response.RequestMethod, HttpTransport.Loggable(response.RequestUri), (int)response.StatusCode);
        var fresh = await GetSessionAsync(session, cancellationToken).ConfigureAwait(false);
        response = await SendWithRetriesAsync(request, fresh, cancellationToken).ConfigureAwait(false);
        if (SessionExpiry.IsExpired(request.Family, response))
        {
            // Two refusals in a row: the fresh session is refused too (an IP-restricted session, a user without API
            // access). Remember it, so that later calls fail at once instead of logging in once per request.
            var refused = new SalesforceLoginException(
                $"Salesforce refused a freshly obtained session for {response.RequestMethod} {HttpTransport.Loggable(response.RequestUri)} (HTTP {(int)response.StatusCode}). Check that the user has API access, that the org allows this login flow and that the session's IP restrictions let this machine in. Later calls on this connection fail at once without logging in again.",
                ApiErrors.Code(response) ?? "INVALID_SESSION_ID", response.StatusCode);
            _refusal.Remember(refused);
            _refusal.ThrowIfRefused();
        }

        return response;
    }

    private async Task<ApiResponse> SendWithRetriesAsync(ApiRequest request, SalesforceSession session, CancellationToken cancellationToken)
    {
        var outgoing = new HttpTransport.Outgoing(
            request.Method,
            new Uri(session.InstanceUrl, request.Path.TrimStart('/')),
            request.Body,
            request.ContentType,
            request.Accept,
            request.Headers,
            request.Family == ApiFamily.BulkV1
                ? new("X-SFDC-Session", session.AccessToken)
                : new("Authorization", "Bearer " + session.AccessToken),
            request.Family == ApiFamily.BulkV1 ? "bulk1" : "rest");
        var response = await (request.IsIdempotent ? _retry : _refusalRetry).ExecuteAsync(
            static (state, token) => new ValueTask<ApiResponse>(state.Transport.SendAsync(state.Outgoing, token)),
            (Transport: _transport, Outgoing: outgoing),
            cancellationToken).ConfigureAwait(false);

        // An error answer that echoes the session (a proxy's error page, a misbehaving gateway) must not carry it
        // on into exception messages, output or fault documents.
        if (!response.IsSuccess)
        {
            var body = ServerText.WithoutToken(response.Body, session.AccessToken);
            if (!ReferenceEquals(body, response.Body))
            {
                response = response with { Body = body };
            }
        }

        return response;
    }
}
