using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SfBulk.Cli.Ui;

/// <summary>
/// The <c>sfbulk ui</c> web server: ASP.NET Core minimal APIs on 127.0.0.1 serving the embedded page and its JSON /
/// server-sent-event API, built on the library (job list, watcher, close, sweep). Every request passes
/// <see cref="UiSecurity"/>.
/// </summary>
internal sealed class UiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly JobFeeds _feeds;
    private readonly SweepApi _sweeps;
    private readonly OrgWatchRun _orgWatch;
    private readonly UiServerOptions _options;
    private readonly Timer _idleSweep;

    private UiServer(WebApplication app, Uri baseUri, UiSecrets secrets, JobFeeds feeds, SweepApi sweeps, OrgWatchRun orgWatch, JobListing listing, UiServerOptions options)
    {
        _orgWatch = orgWatch;
        _app = app;
        BaseUri = baseUri;
        Secrets = secrets;
        _feeds = feeds;
        _sweeps = sweeps;
        _options = options;
        Listing = listing;
        _idleSweep = new Timer(_ => feeds.Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The URL to open: the root with the access token.</summary>
    public Uri LaunchUri => new(BaseUri, "/?token=" + Secrets.AccessToken);

    internal UiSecrets Secrets { get; }

    internal JobListing Listing { get; }

    internal JobFeeds Feeds => _feeds;

    public static async Task<UiServer> StartAsync(UiServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secrets = new UiSecrets();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();

        var client = new BulkJobClient(options.Connection);
        var listing = new JobListing(client, options);
        var feeds = new JobFeeds(options.Connection, listing, options);
        var jobs = new JobApi(client, listing, feeds, options);
        var sweeps = new SweepApi(client, listing, options);
        if (options.OrgWatch is { } watchOptions)
        {
            watchOptions.TimeProvider = options.Time;
        }

        var orgWatch = new OrgWatchRun(options.OrgWatch);
        var port = 0;
        app.UseUiSecurity(secrets, () => port);
        app.UseRouting();
        foreach (var path in UiAssets.Paths)
        {
            app.MapGet(path, (RequestDelegate)UiAssets.ServeAsync);
        }

        app.MapGet("/api/session", (RequestDelegate)(context => SessionAsync(context, secrets, options)));
        app.MapGet("/api/orgwatch", (RequestDelegate)orgWatch.StatusAsync);
        app.MapGet("/api/orgwatch/events", (RequestDelegate)orgWatch.EventsAsync);
        app.MapGet("/api/jobs", (RequestDelegate)jobs.ListAsync);
        app.MapGet("/api/jobs/{id}/events", (RequestDelegate)jobs.EventsAsync);
        app.MapPost("/api/jobs/{id}/batches", (RequestDelegate)jobs.BatchesAsync);
        app.MapPost("/api/jobs/{id}/close", (RequestDelegate)jobs.CloseAsync);
        app.MapPost("/api/jobs/{id}/abort", (RequestDelegate)jobs.AbortAsync);
        app.MapPost("/api/jobs/{id}/close-when-done", (RequestDelegate)jobs.CloseWhenDoneAsync);
        app.MapPost("/api/sweeps", (RequestDelegate)sweeps.PlanAsync);
        app.MapPost("/api/sweeps/{id}/run", (RequestDelegate)sweeps.RunAsync);
        app.MapGet("/api/sweeps/{id}/events", (RequestDelegate)sweeps.EventsAsync);
        app.MapGet("/api/sweeps/{id}/report.json", (RequestDelegate)sweeps.ReportJsonAsync);
        app.MapGet("/api/sweeps/{id}/report.csv", (RequestDelegate)sweeps.ReportCsvAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(address).Port;

        // The first listing starts now, so the jobs page finds it ready (failures show on the page, which lists again).
        _ = Task.Run(async () =>
        {
            try
            {
                await listing.RefreshAsync(pkOnly: false, force: false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        });
        orgWatch.Start(new BulkJobClient(options.Connection));
        return new UiServer(app, new Uri($"http://127.0.0.1:{port}/"), secrets, feeds, sweeps, orgWatch, listing, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _idleSweep.DisposeAsync().ConfigureAwait(false);
        await _orgWatch.DisposeAsync().ConfigureAwait(false);
        await _feeds.DisposeAsync().ConfigureAwait(false);
        await _sweeps.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _options.Connection.Dispose();
    }

    private static Task SessionAsync(HttpContext context, UiSecrets secrets, UiServerOptions options) =>
        UiJson.RespondAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("antiForgeryToken", secrets.AntiForgeryToken);
            w.WriteString("antiForgeryHeader", UiSecurity.AntiForgeryHeader);
            w.WriteString("org", options.OrgLabel);
            w.WriteString("user", options.UserLabel);
            w.WriteString("instance", options.InstanceLabel);
            w.WriteBoolean("emulator", options.IsEmulator);
            w.WriteBoolean("orgWatch", options.OrgWatch is not null);
            w.WriteNumber("refreshSeconds", options.PageRefreshInterval.TotalSeconds);
            w.WriteEndObject();
        });
}
