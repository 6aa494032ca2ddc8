using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace SfBulk.Emulator.Tests.Infrastructure;

/// <summary>
/// Starts an emulator on 127.0.0.1 (port 0) driven by a fake clock, and gives tests an <see cref="HttpClient"/>
/// pointed at it plus a logged-in session. Each test class gets its own emulator through <c>IClassFixture</c>;
/// tests that need a fresh org call <see cref="StartAsync"/> themselves.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    public EmulatorServer Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<(EmulatorServer Emulator, HttpClient Http)> StartAsync(EmulatorOptions options)
    {
        var emulator = await EmulatorServer.StartAsync(options);
        var http = new HttpClient { BaseAddress = emulator.BaseUri };
        http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, emulator.ControlToken);
        return (emulator, http);
    }

    public async ValueTask InitializeAsync()
    {
        (Emulator, Http) = await StartAsync(new EmulatorOptions { TimeProvider = Time });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>Logs the default user in through the OAuth password flow and returns the access token.</summary>
    public async Task<string> LoginAsync(string? username = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = Emulator.Options.ClientId,
            ["client_secret"] = Emulator.Options.ClientSecret,
            ["username"] = username ?? Emulator.Options.Username,
            ["password"] = Emulator.Options.Password,
        });
        using var response = await Http.PostAsync("services/oauth2/token", form);
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A request with the Bulk 1.0 session header set.</summary>
    public static HttpRequestMessage V1Request(HttpMethod method, string path, string session, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-SFDC-Session", session);
        return request;
    }

    /// <summary>A request with the Bulk 2.0 bearer header set.</summary>
    public static HttpRequestMessage V2Request(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
