using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Authentication;
using SfBulk.Emulator;
using SfBulk.Http;

namespace SfBulk.Tests.Connection;

/// <summary>An in-process emulator on loopback with a fake clock, plus helpers for its control surface.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public const string TokenRoute = "POST /services/oauth2/token";
    public const string SoapRoute = "POST /services/Soap/u/{version}";
    public const string V1JobRoute = "GET /services/async/{version}/job/{jobId}";

    private EmulatorHarness(EmulatorServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Control = new HttpClient { BaseAddress = server.BaseUri };
        Control.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, server.ControlToken);
    }

    public EmulatorServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Control { get; }

    public Uri BaseUri => Server.BaseUri;

    public EmulatorOptions Options => Server.Options;

    public static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        return new EmulatorHarness(server, time);
    }

    /// <summary>Options for a connection to this emulator with fast retries.</summary>
    public SalesforceConnectionOptions ConnectionOptions(SalesforceCredential credential, string name = "test") => new()
    {
        Name = name,
        LoginUrl = BaseUri,
        Credential = credential,
        Retry = new SalesforceRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };

    public ClientCredentialsCredential ClientCredentials() => new(Options.ClientId, Options.ClientSecret);

    public UsernamePasswordCredential PasswordCredential() =>
        new(Options.ClientId, Options.ClientSecret, Options.Username, Options.Password, Options.SecurityToken);

    /// <summary>Moves the emulator's clock past the 2 h idle timeout.</summary>
    public void ExpireByIdleTimeout() => Time.Advance(Options.SessionIdleTimeout + TimeSpan.FromMinutes(1));

    public async Task ExpireAllSessionsAsync()
    {
        using var response = await Control.PostAsync("_emulator/sessions/expire", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ResetCountsAsync()
    {
        using var response = await Control.DeleteAsync("_emulator/requests", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<long> CountAsync(string route)
    {
        using var json = JsonDocument.Parse(await Control.GetStringAsync("_emulator/requests", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("routes").TryGetProperty(route, out var count) ? count.GetInt64() : 0;
    }

    public async Task AddFaultAsync(string ruleJson)
    {
        using var content = new StringContent(ruleJson, Encoding.UTF8, "application/json");
        using var response = await Control.PostAsync("_emulator/faults", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<string> SeedClassicJobAsync()
    {
        using var response = await Control.PostAsJsonAsync("_emulator/jobs/classic", new Dictionary<string, object> { ["count"] = 1 }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement[0].GetString()!;
    }

    public static ApiRequest GetV1Job(string jobId, bool idempotent = true) =>
        new(HttpMethod.Get, "services/async/66.0/job/" + jobId, ApiFamily.BulkV1, Accept: "application/xml", IsIdempotent: idempotent);

    public static ApiRequest ListV2Jobs() =>
        new(HttpMethod.Get, "services/data/v66.0/jobs/ingest", ApiFamily.Rest, Accept: "application/json", IsIdempotent: true);

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Server.DisposeAsync();
    }
}
