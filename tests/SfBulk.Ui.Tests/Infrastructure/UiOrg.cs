using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SfBulk.Cli.Demo;
using SfBulk.Cli.Ui;
using SfBulk.Emulator;
using SfBulk.Emulator.Seeding;
using SfBulk.Models;

namespace SfBulk.Ui.Tests.Infrastructure;

/// <summary>
/// One test's world: an emulator (<see cref="TestEmulator"/>, real clock) seeded with the demo org, the
/// <c>sfbulk ui</c> server on it (in process, port 0), and a library client to check what the page did to the jobs.
/// </summary>
public sealed class UiOrg : IAsyncDisposable
{
    private UiOrg(TestEmulator emulator, UiServer server, DemoOrgJobs jobs, SalesforceConnection check, double timeScale)
    {
        Emulator = emulator;
        Server = server;
        Jobs = jobs;
        Check = new BulkJobClient(check);
        CheckConnection = check;
        TimeScale = timeScale;
    }

    public TestEmulator Emulator { get; }

    internal UiServer Server { get; }

    public DemoOrgJobs Jobs { get; }

    /// <summary>A client of its own, to read jobs as they are in the emulator.</summary>
    public BulkJobClient Check { get; }

    public double TimeScale { get; }

    /// <summary>A client of the emulator (its control surface).</summary>
    public HttpClient Http => Emulator.Http;

    private SalesforceConnection CheckConnection { get; }

    public Uri LaunchUri => Server.LaunchUri;

    /// <summary>Script errors and console errors of the pages opened (a CSP violation shows here too).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> PageErrors { get; } = [];

    public Uri BaseUri => Server.BaseUri;

    /// <param name="timeScale">Emulated seconds per real second; the server's watcher waits on the same scaled clock.</param>
    /// <param name="demo">Shapes the seed (defaults: the demo org as <c>sfbulk ui --emulator</c> shows it).</param>
    public static async Task<UiOrg> StartAsync(double timeScale = 1, DemoOrgOptions? demo = null)
    {
        var emulator = await TestEmulator.StartAsync(new TestEmulatorOptions
        {
            RealClock = true,
            Emulator = o =>
            {
                DemoOrg.AddUsers(o);
                o.BatchProcessingTime = TimeSpan.FromSeconds(30);
            },
        });
        emulator.Server.Clock.SetScale(timeScale);
        var jobs = DemoOrg.Seed(emulator.Server, demo);
        var options = await UiCommand.DemoOptionsAsync(emulator.Server, 0, TestContext.Current.CancellationToken, new ScaledTimeProvider(emulator.Server.Clock, timeScale));
        var server = await UiServer.StartAsync(options, TestContext.Current.CancellationToken);
        var check = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "check",
            LoginUrl = emulator.BaseUri,
            Credential = new SfBulk.Authentication.SoapLoginCredential(emulator.Options.Username, emulator.Options.Password),
        });
        return new UiOrg(emulator, server, jobs, check, timeScale);
    }

    /// <summary>A new browser page (its own cookies) at <paramref name="width"/> pixels, signed in through the printed URL.</summary>
    public async Task<IPage> OpenAsync(IBrowser browser, int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                PageErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(LaunchUri.ToString());
        return page;
    }

    public Task<JobInfo> JobAsync(string id) => Check.GetJobAsync(id, BulkApi.Auto, TestContext.Current.CancellationToken);

    /// <summary>Seeds a PK-chunked Bulk API 1.0 query through the emulator's control surface; returns its id.</summary>
    public async Task<string> SeedPkJobAsync(int chunks, double chunkSeconds) =>
        (await Emulator.SeedClassicAsync(new ClassicJobSeed
        {
            Operation = "query",
            PkChunking = new PkChunkingSeed { ChunkSize = 100_000, Chunks = chunks, ChunkDuration = TimeSpan.FromSeconds(chunkSeconds) },
        }))[0];

    /// <summary>The emulator's request count (every API route).</summary>
    public Task<long> RequestsAsync() => Emulator.TotalRequestsAsync();

    public async ValueTask DisposeAsync()
    {
        CheckConnection.Dispose();
        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
