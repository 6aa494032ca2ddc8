using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SfBulk.Testing;

/// <summary>
/// A real HTTP server on loopback that answers every request with canned bytes: for server behaviour the emulator
/// does not show (HTML pages, broken bodies, hostile XML, redirects). Records what arrived.
/// </summary>
public sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The answer to every request.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = c => Task.CompletedTask;

    /// <summary>The requests received: method, path and every header as <c>name: value</c> lines.</summary>
    public ConcurrentQueue<(string Method, string Path, string Headers)> Requests { get; } = new();

    public Uri BaseUri { get; }

    /// <summary>
    /// Starts a server on 127.0.0.1 and a free port, addressed as <paramref name="host"/> (127.0.0.1 unless told);
    /// with <paramref name="certificate"/> it speaks https only.
    /// </summary>
    public static async Task<CannedServer> StartAsync(string host = "127.0.0.1", X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        CannedServer? server = null;
        app.Run(async c =>
        {
            server!.Requests.Enqueue((c.Request.Method, c.Request.Path.Value ?? string.Empty, string.Join("\n", c.Request.Headers.Select(h => h.Key + ": " + h.Value))));
            await server.Answer(c);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var port = new Uri(app.Urls.First()).Port;
        server = new CannedServer(app, new Uri($"{(certificate is null ? "http" : "https")}://{host}:{port}/"));
        return server;
    }

    /// <summary>Answers every request with <paramref name="status"/>, <paramref name="contentType"/> and <paramref name="body"/>.</summary>
    public CannedServer Returns(int status, string? contentType, byte[] body)
    {
        Answer = async c =>
        {
            c.Response.StatusCode = status;
            if (contentType is not null)
            {
                c.Response.ContentType = contentType;
            }

            await c.Response.Body.WriteAsync(body);
        };
        return this;
    }

    public CannedServer Returns(int status, string? contentType, string body) => Returns(status, contentType, System.Text.Encoding.UTF8.GetBytes(body));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
