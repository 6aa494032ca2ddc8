using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using SfBulk.Connection;
using SfBulk.Diagnostics;

namespace SfBulk.Http;

/// <summary>
/// Sends one HTTP request and reads its response in full: per-request timeout, body size limit, redirects to
/// another host refused (the session never leaves the org's host), network failures mapped to
/// <see cref="SalesforceRestException"/> with <c>NETWORK_ERROR</c>, logging with redacted headers, metrics and tracing.
/// No retries and no session handling here.
/// </summary>
internal sealed partial class HttpTransport
{
    private const int MaxRedirects = 3;

    private readonly Func<HttpClient> _client;
    private readonly TimeSpan _timeout;
    private readonly int _maxBodyBytes;
    private readonly ILogger _logger;
    private readonly string _connection;
    private readonly TimeProvider _time;

    public HttpTransport(Func<HttpClient> client, TimeSpan timeout, int maxBodyBytes, ILogger logger, string connection, TimeProvider time)
    {
        Usage = new ApiUsageTracker(time);
        _client = client;
        _timeout = timeout;
        _maxBodyBytes = maxBodyBytes;
        _logger = logger;
        _connection = connection;
        _time = time;
    }

    /// <summary>The org's API usage as the answers' <c>Sforce-Limit-Info</c> headers report it, and the API requests sent.</summary>
    public ApiUsageTracker Usage { get; }

    /// <summary>One outgoing request. <paramref name="Secret"/> is the auth header: sent, never logged.</summary>
    public readonly record struct Outgoing(
        HttpMethod Method,
        Uri Url,
        byte[]? Body,
        string? ContentType,
        string? Accept,
        IReadOnlyDictionary<string, string>? Headers,
        KeyValuePair<string, string>? Secret,
        string Family)
    {
        /// <summary>Describes the request without its body and auth header (the generated one would print them).</summary>
        public override string ToString() => $"Outgoing {{ {PrintedMembers()} }}";

        /// <summary>Prints the members without the body and the auth header's value.</summary>
        private bool PrintMembers(System.Text.StringBuilder builder)
        {
            builder.Append(PrintedMembers());
            return true;
        }

        private string PrintedMembers() =>
            $"Method = {Method}, Url = {Loggable(Url)}, Body = {(Body is null ? "none" : "REDACTED")}, ContentType = {ContentType}, Family = {Family}, Secret = {(Secret is { } s ? s.Key + ": REDACTED" : "none")}";
    }

    /// <summary>Sends <paramref name="request"/> and returns its response; follows same-host redirects of GETs only.</summary>
    public async Task<ApiResponse> SendAsync(Outgoing request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        for (var hop = 0; ; hop++)
        {
            var response = await SendOnceAsync(request with { Url = url }, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode is < 300 or >= 400 || !response.Headers.TryGetValue("Location", out var location))
            {
                return response;
            }

            if (!Uri.TryCreate(url, location, out var target) || !ConnectionUrls.SameOrigin(url, target))
            {
                var shown = target is null ? "an invalid URL" : target.GetLeftPart(UriPartial.Authority);
                Log.RedirectRefused(_logger, _connection, Loggable(url), shown);
                throw new SalesforceRestException(
                    $"{request.Method} {Loggable(url)} answered {(int)response.StatusCode} with a redirect to {shown}; it was not followed so that the session is not sent to another host. Check the login URL and instance URL (use the org's My Domain URL).",
                    SfBulkErrorCodes.RedirectRefused, response.StatusCode, request.Method.Method, url);
            }

            if (request.Method != HttpMethod.Get || hop >= MaxRedirects)
            {
                return response;
            }

            url = target;
        }
    }

    private async Task<ApiResponse> SendOnceAsync(Outgoing request, CancellationToken cancellationToken)
    {
        var shownUrl = Loggable(request.Url);
        using var activity = SfBulkDiagnostics.ActivitySource.StartActivity("SfBulk.Request", ActivityKind.Client);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.full", shownUrl);
        activity?.SetTag("sfbulk.connection", _connection);

        using var message = Build(request);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Request(_logger, _connection, request.Method.Method, shownUrl, HeaderLogging.Format(message.Headers, message.Content?.Headers));
        }

        var started = _time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_timeout);
        }

        SfBulkDiagnostics.ApiCalls.Add(1, new("sfbulk.connection", _connection), new("sfbulk.api", request.Family), new("http.request.method", request.Method.Method));
        var sequence = request.Family == "login" ? 0 : Usage.OnSend();
        try
        {
            using var response = await _client().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (sequence > 0 && response.Headers.TryGetValues(LimitInfoHeader.Name, out var limitInfo)
                && LimitInfoHeader.TryParse(string.Join(";", limitInfo), out var used, out var max))
            {
                Usage.Observe(used, max, sequence);
            }

            var body = await ReadBodyAsync(response, request, timeout.Token).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            SfBulkDiagnostics.Duration.Record(elapsed.TotalSeconds, new("sfbulk.api", request.Family), new("http.response.status_code", (int)response.StatusCode));
            Log.Response(_logger, _connection, request.Method.Method, shownUrl, (int)response.StatusCode, (long)elapsed.TotalMilliseconds, HeaderLogging.Format(response.Headers, response.Content.Headers));
            return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, request.Method.Method, request.Url)
            {
                Headers = CopyHeaders(response),
            };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            var elapsed = _time.GetElapsedTime(started);
            Log.NetworkFailure(_logger, _connection, request.Method.Method, shownUrl, (long)elapsed.TotalMilliseconds, "no response within the request timeout");
            throw new SalesforceRestException(
                $"{request.Method} {shownUrl} got no response within the request timeout of {_timeout}. The request may or may not have been processed.",
                SfBulkErrorCodes.NetworkError, null, request.Method.Method, request.Url, new TimeoutException("The request timed out.", ex));
        }
        catch (HttpRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "network");
            var elapsed = _time.GetElapsedTime(started);
            var reason = ex.HttpRequestError.ToString();
            Log.NetworkFailure(_logger, _connection, request.Method.Method, shownUrl, (long)elapsed.TotalMilliseconds, reason);
            throw new SalesforceRestException(
                ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    ? $"{request.Method} {shownUrl} could not connect ({reason}): the request was not sent. Check the URL, the network and proxy, and that the server is running."
                    : $"{request.Method} {shownUrl} failed before a complete response arrived ({reason}). Check the network, proxy and URL; the request may or may not have been processed.",
                SfBulkErrorCodes.NetworkError, null, request.Method.Method, request.Url, ex);
        }
        catch (IOException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "network");
            Log.NetworkFailure(_logger, _connection, request.Method.Method, shownUrl, (long)_time.GetElapsedTime(started).TotalMilliseconds, "connection lost while reading the response");
            throw new SalesforceRestException(
                $"{request.Method} {shownUrl}: the connection was lost while reading the response. The request may or may not have been processed.",
                SfBulkErrorCodes.NetworkError, null, request.Method.Method, request.Url, ex);
        }
    }

    private static HttpRequestMessage Build(Outgoing request)
    {
        var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }

        if (request.Headers is not null)
        {
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Secret is { } secret)
        {
            message.Headers.TryAddWithoutValidation(secret.Key, secret.Value);
        }

        return message;
    }

    private static Dictionary<string, string> CopyHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            if (!string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = values.ToString();
            }
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            headers[name] = values.ToString();
        }

        return headers;
    }

    /// <summary>The URL as logged and shown in messages: without query string values (paths carry no secrets).</summary>
    internal static string Loggable(Uri url) => url.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(url.Query) ? string.Empty : "?…");
}
