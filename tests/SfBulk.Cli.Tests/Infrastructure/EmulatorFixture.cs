using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SfBulk.Emulator;

namespace SfBulk.Cli.Tests.Infrastructure;

/// <summary>An emulator started in the test process for one test class; seeds jobs and hands out sessions.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    /// <summary>The password of the emulated user: a canary that must never appear in sfbulk's output.</summary>
    public const string CanaryPassword = SfBulk.Tests.Security.Canaries.Password;

    private EmulatorServer? _server;
    private HttpClient? _http;

    public EmulatorServer Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>The base URL without the trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => Server.BaseUri.GetLeftPart(UriPartial.Authority);

    public string Username => Server.Options.Username;

    public HttpClient Http => _http ?? throw new InvalidOperationException("Not started.");

    public virtual async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Password = CanaryPassword });
        _http = new HttpClient { BaseAddress = _server.BaseUri };
        _http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, _server.ControlToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>An access token from the OAuth password flow.</summary>
    public async Task<string> GetSessionAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = Server.Options.ClientId,
            ["client_secret"] = Server.Options.ClientSecret,
            ["username"] = Username,
            ["password"] = CanaryPassword,
        });
        using var response = await Http.PostAsync("services/oauth2/token", form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Seeds Bulk API 1.0 jobs (see <c>POST /_emulator/jobs/classic</c>); returns their ids.</summary>
    public Task<string[]> SeedClassicAsync(string body = "{}") => SeedAsync("_emulator/jobs/classic", body);

    /// <summary>Seeds Bulk API 2.0 jobs (see <c>POST /_emulator/jobs/v2</c>); returns their ids.</summary>
    public Task<string[]> SeedV2Async(string body = "{}") => SeedAsync("_emulator/jobs/v2", body);

    /// <summary>One open Bulk API 1.0 job.</summary>
    public async Task<string> OpenJobAsync(string body = "{}") => (await SeedClassicAsync(body))[0];

    /// <summary>The API calls counted so far.</summary>
    public async Task<long> RequestTotalAsync()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/requests"));
        return json.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>How many requests the emulator counted on one route (<c>METHOD /pattern</c> as in <c>GET /_emulator/requests</c>).</summary>
    public async Task<long> RouteCountAsync(string route)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/requests"));
        return json.RootElement.GetProperty("routes").TryGetProperty(route, out var count) ? count.GetInt64() : 0;
    }

    /// <summary>Requests counted on routes whose method is <paramref name="method"/> (e.g. every POST).</summary>
    public async Task<long> MethodCountAsync(string method)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/requests"));
        return json.RootElement.GetProperty("routes").EnumerateObject().Where(r => r.Name.StartsWith(method + " ", StringComparison.Ordinal) && !r.Name.Contains("oauth2", StringComparison.Ordinal)).Sum(r => r.Value.GetInt64());
    }

    /// <summary>Posts a JSON body to the control surface (<c>_emulator/...</c>) and checks it succeeded.</summary>
    public async Task ControlAsync(string path, string body = "{}")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A Bulk API 1.0 job's state, read over the API with a fresh session.</summary>
    public async Task<string> ClassicJobStateAsync(string jobId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/async/66.0/job/" + jobId);
        request.Headers.Add("X-SFDC-Session", await GetSessionAsync());
        using var response = await Http.SendAsync(request);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return xml.Descendants().First(e => e.Name.LocalName == "state").Value;
    }

    /// <summary>The id of the org user with this user name.</summary>
    public async Task<string> UserIdAsync(string username)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/org"));
        return json.RootElement.GetProperty("users").EnumerateArray().First(u => u.GetProperty("username").GetString() == username).GetProperty("id").GetString()!;
    }

    /// <summary>The arguments of an external session: <c>--instance-url URL --session-id TOKEN</c>.</summary>
    public async Task<string[]> SessionArgsAsync() => ["--instance-url", Url, "--session-id", await GetSessionAsync()];

    private async Task<string[]> SeedAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<string[]>(text)!;
    }
}
