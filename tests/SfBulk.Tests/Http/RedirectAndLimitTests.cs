using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Http;

/// <summary>Redirects and oversized bodies: behaviour the emulator does not show, so a tiny loopback server does.</summary>
public sealed class RedirectAndLimitTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _baseUri = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/services/async/66.0/job/{id}", (HttpContext c) =>
        {
            c.Response.StatusCode = 302;
            c.Response.Headers.Location = "https://attacker.example/steal";
            return Task.CompletedTask;
        });
        _app.MapGet("/services/data/v66.0/jobs/ingest", (HttpContext c) => c.Response.WriteAsync(new string('x', 4096)));
        _app.MapGet("/services/data/v66.0/jobs/query", (HttpContext c) =>
        {
            c.Response.StatusCode = 307;
            c.Response.Headers.Location = "/services/data/v66.0/jobs/ingest";
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        var address = _app.Urls.First();
        _baseUri = new Uri("http://127.0.0.1:" + new Uri(address).Port + "/");
    }

    [Fact]
    public async Task SendAsync_RedirectToOtherHost_ThrowsRedirectRefused()
    {
        using var connection = SalesforceConnection.FromExternalSession(_baseUri, "00Dx!token");

        var ex = await Assert.ThrowsAsync<SalesforceRestException>(() => connection.SendAsync(JobRequests.GetV1Job("750000000000001AAA"), TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.RedirectRefused, ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Found, ex.StatusCode);
        Assert.Contains("attacker.example", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BodyOverLimit_ThrowsInvalidResponse()
    {
        var options = new SalesforceConnectionOptions
        {
            LoginUrl = _baseUri,
            Credential = new SfBulk.Authentication.ExternalSessionCredential(_baseUri, "00Dx!token"),
            MaxResponseBodyBytes = 1024,
        };
        using var connection = new SalesforceConnection(options);

        var ex = await Assert.ThrowsAsync<SalesforceRestException>(() => connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken));

        Assert.Equal(SfBulkErrorCodes.InvalidResponse, ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_SameHostRedirectOfGet_Followed()
    {
        using var connection = SalesforceConnection.FromExternalSession(_baseUri, "00Dx!token");
        var request = JobRequests.ListV2Jobs() with { Path = "services/data/v66.0/jobs/query" };

        var response = await connection.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4096, response.Body.Length);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
