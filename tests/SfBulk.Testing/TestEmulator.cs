using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SfBulk.Authentication;
using SfBulk.Connection;
using SfBulk.Emulator;

namespace SfBulk.Testing;

/// <summary>
/// The one emulator host of the test suites: an in-process emulator on 127.0.0.1 (port 0), by default on a fake clock,
/// with its typed control API (<see cref="Control"/>), seeding, request counters, faults, limits and sessions, and
/// library connections to it. Start one per test with <see cref="StartAsync(TestEmulatorOptions?)"/>, or share one per
/// test class through <c>IClassFixture&lt;TestEmulator&gt;</c> (a subclass sets other options for a fixture).
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await TestEmulator.StartAsync();
/// var jobId = (await emulator.SeedClassicAsync(new ClassicJobSeed { Age = TimeSpan.FromDays(2) }))[0];
/// await emulator.Control.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob) with { Count = 1 });
/// await emulator.Client.CloseJobAsync(jobId, ...);
/// Assert.Equal(2, await emulator.RequestsAsync(EmulatorRoutes.BulkV1UpdateJob));
/// </code>
/// </example>
public class TestEmulator : IAsyncLifetime
{
    private readonly TestEmulatorOptions _settings;
    private readonly List<SalesforceConnection> _connections = [];
    private readonly FakeTimeProvider? _fake;
    private EmulatorServer? _server;
    private HttpClient? _http;
    private SalesforceConnection? _connection;
    private BulkJobClient? _client;
    private AutoAdvancingTime? _autoTime;

    /// <summary>A host with the default options (fake clock starting now); call <see cref="InitializeAsync"/> to start it.</summary>
    public TestEmulator()
        : this(null)
    {
    }

    /// <summary>A host with <paramref name="settings"/>, for presets (a fixture class has one public constructor).</summary>
    protected TestEmulator(TestEmulatorOptions? settings)
    {
        _settings = settings ?? new TestEmulatorOptions();
        if (!_settings.RealClock)
        {
            _fake = new FakeTimeProvider(_settings.Start ?? DateTimeOffset.UtcNow);
        }
    }

    /// <summary>The running emulator.</summary>
    public EmulatorServer Server => _server ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The emulator's typed control API (seeds, faults, counters, sessions, clock).</summary>
    public EmulatorControl Control => Server.Control;

    /// <summary>An HTTP client for the emulator, carrying the control token: for raw API and control requests.</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The emulator is not started.");

    /// <summary>The emulator's options (user, password, client id, ...).</summary>
    public EmulatorOptions Options => Server.Options;

    /// <summary>The base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => Server.BaseUri;

    /// <summary>The base URL without the trailing slash, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The org's default user name.</summary>
    public string Username => Options.Username;

    /// <summary>The emulator's fake clock; the code under test may share it.</summary>
    public FakeTimeProvider Time => _fake ?? throw new InvalidOperationException("This emulator runs on the real clock.");

    /// <summary>The fake clock, moving itself forward whenever the code under test waits on one of its timers.</summary>
    public AutoAdvancingTime AutoTime => _autoTime ??= new AutoAdvancingTime(Time);

    /// <summary>A connection as the configured login (<see cref="TestEmulatorOptions.Login"/>), made on first use.</summary>
    public SalesforceConnection Connection => _connection ??= Track(new SalesforceConnection(ConnectionOptions(
        _settings.Login == TestLogin.ClientCredentials ? ClientCredentials() : PasswordCredential())));

    /// <summary>A client over <see cref="Connection"/>, made on first use.</summary>
    public BulkJobClient Client => _client ??= CreateClient(Connection);

    /// <summary>Starts an emulator.</summary>
    public static async Task<TestEmulator> StartAsync(TestEmulatorOptions? settings = null)
    {
        var emulator = new TestEmulator(settings);
        await emulator.InitializeAsync();
        return emulator;
    }

    /// <summary>Starts an emulator on a fake clock starting now, with <paramref name="configure"/> setting its options.</summary>
    public static Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure) =>
        StartAsync(new TestEmulatorOptions { Emulator = configure });

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        var options = new EmulatorOptions { Port = 0, TimeProvider = _fake };
        _settings.Emulator?.Invoke(options);
        _server = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _server.BaseUri };
        _http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, _server.ControlToken);
        if (_settings.Connect)
        {
            await Connection.ConnectAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    // ---- Library connections ----

    /// <summary>Options for a connection to this emulator with fast retries.</summary>
    public SalesforceConnectionOptions ConnectionOptions(SalesforceCredential credential, string name = "test") => new()
    {
        Name = name,
        LoginUrl = BaseUri,
        Credential = credential,
        Retry = new SalesforceRetryOptions { BaseDelay = _settings.RetryDelay, MaxDelay = _settings.RetryDelay * 10 },
    };

    /// <summary>The connected app's client-credentials flow.</summary>
    public ClientCredentialsCredential ClientCredentials() => new(Options.ClientId, Options.ClientSecret);

    /// <summary>The password flow as <paramref name="username"/> (default: the org's default user and password).</summary>
    public UsernamePasswordCredential PasswordCredential(string? username = null, string? password = null) =>
        new(Options.ClientId, Options.ClientSecret, username ?? Options.Username, password ?? Options.Password, Options.SecurityToken);

    /// <summary>A new connection (a new login) logging in as <paramref name="username"/>, disposed with the host.</summary>
    public SalesforceConnection Connect(string? username = null, string? password = null, string? name = null, TimeSpan? requestTimeout = null)
    {
        var options = ConnectionOptions(PasswordCredential(username, password), name ?? "test-" + _connections.Count.ToString(CultureInfo.InvariantCulture));
        if (requestTimeout is { } timeout)
        {
            options.RequestTimeout = timeout;
        }

        return Track(new SalesforceConnection(options));
    }

    /// <summary>A client over <paramref name="connection"/> with the host's client options.</summary>
    public BulkJobClient CreateClient(SalesforceConnection connection)
    {
        var options = new BulkJobClientOptions { CloseRetryDelay = TimeSpan.FromMilliseconds(5) };
        if (_settings.ClientOnFakeClock)
        {
            options.TimeProvider = Time;
        }

        _settings.Client?.Invoke(options);
        return new BulkJobClient(connection, options);
    }

    // ---- Sessions ----

    /// <summary>Logs in through the OAuth password flow and returns the access token.</summary>
    public async Task<string> LoginAsync(string? username = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["username"] = username ?? Options.Username,
            ["password"] = Options.Password,
        });
        using var response = await Http.PostAsync("services/oauth2/token", form, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Expires every session the emulator issued.</summary>
    public Task ExpireAllSessionsAsync() => Control.ExpireSessionsAsync(TestContext.Current.CancellationToken);

    /// <summary>Moves the fake clock past the idle timeout of sessions.</summary>
    public void ExpireByIdleTimeout() => Time.Advance(Options.SessionIdleTimeout + TimeSpan.FromMinutes(1));

    // ---- Seeding ----

    /// <summary>Seeds Bulk API 1.0 jobs; returns their 18-character ids.</summary>
    public async Task<string[]> SeedClassicAsync(ClassicJobSeed seed) => [.. await Control.SeedClassicJobsAsync(seed, TestContext.Current.CancellationToken)];

    /// <summary>Seeds Bulk API 2.0 jobs; returns their 18-character ids.</summary>
    public async Task<string[]> SeedV2Async(BulkV2JobSeed seed) => [.. await Control.SeedBulkV2JobsAsync(seed, TestContext.Current.CancellationToken)];

    /// <summary>
    /// Seeds Bulk API 1.0 jobs from a raw body of <c>POST /_emulator/jobs/classic</c> (JSON text or an object to
    /// serialise), for shapes the typed seed does not write; returns their ids.
    /// </summary>
    public Task<string[]> SeedClassicAsync(object body) => SeedAsync("_emulator/jobs/classic", body);

    /// <summary>Seeds Bulk API 2.0 jobs from a raw body of <c>POST /_emulator/jobs/v2</c>; returns their ids.</summary>
    public Task<string[]> SeedV2Async(object body) => SeedAsync("_emulator/jobs/v2", body);

    /// <summary>One Bulk API 1.0 job (default: open, CSV insert on Account, created now); returns its id.</summary>
    public async Task<string> OpenJobAsync(object? body = null) => (await SeedClassicAsync(body ?? "{}"))[0];

    /// <summary>The id of the org user with this user name.</summary>
    public async Task<string> UserIdAsync(string username)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/org", TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("users").EnumerateArray()
            .First(u => string.Equals(u.GetProperty("username").GetString(), username, StringComparison.Ordinal))
            .GetProperty("id").GetString()!;
    }

    /// <summary>A Bulk API 1.0 job's state, read over the API with a fresh session.</summary>
    public async Task<string> ClassicJobStateAsync(string jobId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "services/async/66.0/job/" + jobId);
        request.Headers.Add("X-SFDC-Session", await LoginAsync());
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return xml.Descendants().First(e => e.Name.LocalName == "state").Value;
    }

    // ---- Counters ----

    /// <summary>Every API request counted since start or the last reset, logins included.</summary>
    public async Task<long> TotalRequestsAsync() => (await Control.GetRequestCountsAsync(TestContext.Current.CancellationToken)).Total;

    /// <summary>The requests counted on one route (<c>METHOD /pattern</c>, see <see cref="EmulatorRoutes"/>).</summary>
    public async Task<long> RequestsAsync(string route) => (await Control.GetRequestCountsAsync(TestContext.Current.CancellationToken))[route];

    /// <summary>The requests counted on routes of one HTTP method (such as every POST), logins left out.</summary>
    public async Task<long> RequestsByMethodAsync(string method) =>
        (await Control.GetRequestCountsAsync(TestContext.Current.CancellationToken)).Routes
            .Where(r => r.Key.StartsWith(method + " ", StringComparison.Ordinal) && !r.Key.Contains("oauth2", StringComparison.Ordinal))
            .Sum(r => r.Value);

    /// <summary>Sets every request counter back to zero.</summary>
    public Task ResetRequestsAsync() => Control.ResetRequestCountsAsync(TestContext.Current.CancellationToken);

    // ---- Faults ----

    /// <summary>Adds a fault rule; returns its id.</summary>
    public Task<string> AddFaultAsync(EmulatorFault fault) => Control.AddFaultAsync(fault, TestContext.Current.CancellationToken);

    /// <summary>Adds a fault rule written as the JSON body of <c>POST /_emulator/faults</c>; returns its id.</summary>
    public async Task<string> AddFaultAsync(string ruleJson)
    {
        using var content = new StringContent(ruleJson, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("_emulator/faults", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Adds a fault rule on <paramref name="route"/> of the wire kind <paramref name="kind"/> (<c>status</c>, <c>dropAfter</c>, ...).</summary>
    public Task<string> AddFaultAsync(string route, string kind, int? status = null, int count = 1, int latencyMs = 0) =>
        AddFaultAsync(
            $"{{\"route\":\"{route}\",\"kind\":\"{kind}\",\"count\":{count}"
            + (status is null ? string.Empty : $",\"status\":{status}")
            + (latencyMs == 0 ? string.Empty : $",\"latencyMs\":{latencyMs}") + "}");

    /// <summary>Removes every fault rule.</summary>
    public Task ClearFaultsAsync() => Control.ClearFaultsAsync(TestContext.Current.CancellationToken);

    /// <summary>Removes every fault rule and zeroes the request counters.</summary>
    public async Task ResetAsync()
    {
        await ClearFaultsAsync();
        await ResetRequestsAsync();
    }

    // ---- Limits ----

    /// <summary>Sets allocations through <c>POST /_emulator/limits</c> (a JSON body).</summary>
    public Task SetLimitsAsync(string json) => PostControlAsync("_emulator/limits", json);

    /// <summary>(max, used) of one allocation as the emulator meters it.</summary>
    public async Task<(long Max, long Used)> ReadLimitAsync(string name)
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync("_emulator/limits", TestContext.Current.CancellationToken));
        var allocation = json.RootElement.GetProperty(name);
        return (allocation.GetProperty("max").GetInt64(), allocation.GetProperty("used").GetInt64());
    }

    // ---- Raw control ----

    /// <summary>Posts a JSON body to the control surface (<c>_emulator/...</c>), checks it succeeded, returns the answer.</summary>
    public async Task<string> PostControlAsync(string path, string body = "{}")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    private async Task<string[]> SeedAsync(string path, object body)
    {
        string text;
        if (body is string json)
        {
            text = await PostControlAsync(path, json);
        }
        else
        {
            using var response = await Http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
            text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, text);
        }

        using var document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetString()!)];
    }

    private SalesforceConnection Track(SalesforceConnection connection)
    {
        _connections.Add(connection);
        return connection;
    }
}
