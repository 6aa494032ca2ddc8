using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Authentication;
using SfBulk.Emulator;
using SfBulk.Http;

namespace SfBulk.Tests.Watching;

/// <summary>
/// An in-process emulator on loopback whose clock is a fake one shared with the code under test (through
/// <see cref="Time"/>, which advances itself whenever that code waits), a connection and a client, and helpers for
/// the emulator's control surface (seeding, request counts, faults).
/// </summary>
internal sealed class BulkHarness : IAsyncDisposable
{
    private readonly List<SalesforceConnection> _connections = [];

    private BulkHarness(EmulatorServer server, AutoAdvancingTime time)
    {
        Server = server;
        Time = time;
        Control = new HttpClient { BaseAddress = server.BaseUri };
        Control.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, server.ControlToken);
        Connection = Connect(server.Options.Username, server.Options.Password);
        Client = CreateClient(Connection);
    }

    public EmulatorServer Server { get; }

    public AutoAdvancingTime Time { get; }

    public FakeTimeProvider Fake => Time.Fake;

    public HttpClient Control { get; }

    public SalesforceConnection Connection { get; }

    public BulkJobClient Client { get; }

    public static async Task<BulkHarness> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { TimeProvider = fake };
        configure?.Invoke(options);
        var server = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        var harness = new BulkHarness(server, new AutoAdvancingTime(fake));
        await harness.Connection.ConnectAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    /// <summary>A connection logging in as <paramref name="username"/> (password flow), with fast retries.</summary>
    public SalesforceConnection Connect(string username, string password)
    {
        var o = Server.Options;
        var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "watch-" + _connections.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LoginUrl = Server.BaseUri,
            Credential = new UsernamePasswordCredential(o.ClientId, o.ClientSecret, username, password, o.SecurityToken),
            Retry = new SalesforceRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(20) },
        });
        _connections.Add(connection);
        return connection;
    }

    public BulkJobClient CreateClient(SalesforceConnection connection) =>
        new(connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromMilliseconds(5) });

    /// <summary>
    /// Creates a PK-chunked Bulk 1.0 query job through the API itself (<c>Sforce-Enable-PKChunking: TRUE</c>) and adds
    /// its one query batch; returns the job id.
    /// </summary>
    public async Task<string> CreateChunkedQueryJobAsync(string sobject)
    {
        var ct = TestContext.Current.CancellationToken;
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>query</operation><object>"
            + sobject + "</object><contentType>CSV</contentType></jobInfo>";
        var create = new ApiRequest(HttpMethod.Post, "services/async/66.0/job", ApiFamily.BulkV1, Encoding.UTF8.GetBytes(body), "application/xml; charset=UTF-8", "application/xml")
        {
            Headers = new Dictionary<string, string> { ["Sforce-Enable-PKChunking"] = "TRUE" },
        };
        var created = await Connection.SendAsync(create, ct);
        Assert.True(created.IsSuccess, Encoding.UTF8.GetString(created.Body));
        var id = System.Xml.Linq.XElement.Parse(Encoding.UTF8.GetString(created.Body)).Elements().First(e => e.Name.LocalName == "id").Value;
        var batch = new ApiRequest(HttpMethod.Post, "services/async/66.0/job/" + id + "/batch", ApiFamily.BulkV1, Encoding.UTF8.GetBytes("SELECT Id FROM " + sobject), "text/csv; charset=UTF-8", "application/xml");
        var added = await Connection.SendAsync(batch, ct);
        Assert.True(added.IsSuccess, Encoding.UTF8.GetString(added.Body));
        return id;
    }

    /// <summary>Seeds Bulk 1.0 jobs through <c>POST /_emulator/jobs/classic</c>; returns their ids.</summary>
    public Task<string[]> SeedClassicAsync(object body) => SeedAsync("_emulator/jobs/classic", body);

    /// <summary>Seeds Bulk 2.0 jobs through <c>POST /_emulator/jobs/v2</c>; returns their ids.</summary>
    public Task<string[]> SeedV2Async(object body) => SeedAsync("_emulator/jobs/v2", body);

    public async Task<long> TotalRequestsAsync()
    {
        using var json = JsonDocument.Parse(await Control.GetStringAsync("_emulator/requests", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("total").GetInt64();
    }

    public async Task<long> RequestsAsync(string route)
    {
        using var json = JsonDocument.Parse(await Control.GetStringAsync("_emulator/requests", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("routes").TryGetProperty(route, out var n) ? n.GetInt64() : 0;
    }

    public async Task ResetRequestsAsync()
    {
        using var response = await Control.DeleteAsync("_emulator/requests", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task AddFaultAsync(string ruleJson)
    {
        using var content = new StringContent(ruleJson, Encoding.UTF8, "application/json");
        using var response = await Control.PostAsync("_emulator/faults", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Control.DeleteAsync("_emulator/faults", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The 18-character id of an emulator user.</summary>
    public async Task<string> UserIdAsync(string username)
    {
        using var json = JsonDocument.Parse(await Control.GetStringAsync("_emulator/org", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("users").EnumerateArray()
            .First(u => string.Equals(u.GetProperty("username").GetString(), username, StringComparison.Ordinal))
            .GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        Control.Dispose();
        await Server.DisposeAsync();
    }

    private async Task<string[]> SeedAsync(string path, object body)
    {
        using var response = await Control.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.EnumerateArray().Select(e => e.GetString()!)];
    }
}
