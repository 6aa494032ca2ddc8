using System.Text;
using Polly;
using SfBulk.Connection;

namespace SfBulk.Authentication;

/// <summary>What a credential needs to log in: the login URL, versions, a clock, and a way to POST.</summary>
/// <param name="loginUrl">The connection's login URL.</param>
/// <param name="transport">Sends the requests.</param>
/// <param name="time">The clock for token lifetimes.</param>
/// <param name="retry">Retries a login POST after a network failure or a busy login service; null sends it once.</param>
internal sealed class LoginContext(Uri loginUrl, HttpTransport transport, TimeProvider time, ResiliencePipeline<ApiResponse>? retry = null)
{
    /// <summary>The connection's login URL.</summary>
    public Uri LoginUrl { get; } = loginUrl;

    /// <summary>The clock for token lifetimes.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>POSTs <paramref name="body"/> (which may hold secrets; bodies are never logged) to a URL under the login host.</summary>
    public Task<ApiResponse> PostAsync(
        string path,
        byte[] body,
        string contentType,
        IReadOnlyDictionary<string, string>? headers,
        KeyValuePair<string, string>? secretHeader,
        CancellationToken cancellationToken) =>
        PostAsync(path, () => body, contentType, headers, secretHeader, cancellationToken);

    /// <summary>
    /// POSTs the body <paramref name="body"/> builds to a URL under the login host. The body is built again for
    /// every attempt, so a retried login never sends a stale assertion.
    /// </summary>
    public async Task<ApiResponse> PostAsync(
        string path,
        Func<byte[]> body,
        string contentType,
        IReadOnlyDictionary<string, string>? headers,
        KeyValuePair<string, string>? secretHeader,
        CancellationToken cancellationToken)
    {
        var outgoing = new HttpTransport.Outgoing(HttpMethod.Post, new Uri(ConnectionUrls.Origin(LoginUrl), path), null, contentType, null, headers, secretHeader, "login");
        if (retry is null)
        {
            return await transport.SendAsync(outgoing with { Body = body() }, cancellationToken).ConfigureAwait(false);
        }

        return await retry.ExecuteAsync(
            static (state, token) => new ValueTask<ApiResponse>(state.Transport.SendAsync(state.Outgoing with { Body = state.Body() }, token)),
            (Transport: transport, Outgoing: outgoing, Body: body),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes a form body (<c>application/x-www-form-urlencoded</c>).</summary>
    public static byte[] Form(params (string Name, string? Value)[] fields)
    {
        var b = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            if (b.Length > 0)
            {
                b.Append('&');
            }

            b.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return Encoding.UTF8.GetBytes(b.ToString());
    }
}
