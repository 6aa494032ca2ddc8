using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SfBulk.Emulator.Auth;
using SfBulk.Emulator.BulkV1;
using SfBulk.Emulator.BulkV2;
using SfBulk.Emulator.Control;
using SfBulk.Emulator.Allocations;
using SfBulk.Emulator.State;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator;

/// <summary>
/// A running emulator bound to 127.0.0.1. Start one per test class (port 0 picks a free port) or run the
/// <c>SfBulk.Emulator</c> program for a standalone instance.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await EmulatorServer.StartAsync();
/// var loginUrl = emulator.BaseUri; // e.g. http://127.0.0.1:54321/
/// </code>
/// </example>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri baseUri, EmulatorOptions options, EmulatorClock clock, string controlToken)
    {
        _app = app;
        ControlToken = controlToken;
        BaseUri = baseUri;
        Options = options;
        Clock = clock;
        Control = new EmulatorControl(this);
    }

    /// <summary>The root URL, e.g. <c>http://127.0.0.1:54321/</c>; use it as the login URL and instance URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>The request header that carries <see cref="ControlToken"/> on calls to <c>/_emulator</c>.</summary>
    public const string ControlTokenHeader = ControlAccess.HeaderName;

    /// <summary>
    /// The random token of this start (32 hex digits) that every request to the control surface under
    /// <c>/_emulator</c> must carry in the <see cref="ControlTokenHeader"/> header, unless
    /// <see cref="EmulatorOptions.RequireControlToken"/> is false.
    /// </summary>
    public string ControlToken { get; }

    /// <summary>
    /// The typed test API: seed jobs, inject faults, read request counters, expire sessions, move the clock. Available
    /// whenever <see cref="EmulatorOptions.EnableControlSurface"/> is true (the default).
    /// </summary>
    public EmulatorControl Control { get; }

    /// <summary>The settings the emulator was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The emulator's clock; advance or scale it to move batches forward.</summary>
    public EmulatorClock Clock { get; }

    internal IServiceProvider Services => _app.Services;

    internal OrgState State => _app.Services.GetRequiredService<OrgState>();

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">The settings; null uses the defaults (the documented default org).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var clock = new EmulatorClock(options.TimeProvider);
        var token = new ControlAccess(options.RequireControlToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(token);
        builder.Services.AddSingleton<OrgState>();
        builder.Services.AddSingleton<RequestCounter>();
        builder.Services.AddSingleton<FaultInjector>();

        var app = builder.Build();
        if (options.RequestLog is { } log)
        {
            // The path only: a query string could carry something secret.
            app.Use(async (context, next) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await next(context).ConfigureAwait(false);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                log(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{context.Request.Method} {context.Request.Path} → {context.Response.StatusCode} ({elapsed.TotalMilliseconds:0} ms)"));
            });
        }

        app.UseEmulatorDateHeader();
        app.UseRequestGuards();
        app.UseRequestCountingAndFaults();
        app.UseOrgAllocations();
        app.MapSoapLoginEndpoints();
        app.MapOAuthEndpoints();
        app.MapBulkV1Endpoints();
        app.MapBulkV2Endpoints();
        app.MapLimitsEndpoints();
        if (options.EnableControlSurface)
        {
            app.MapControlEndpoints();
            app.MapVariantControlEndpoints();
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new EmulatorServer(app, new Uri($"http://127.0.0.1:{port}/"), options, clock, token.Value);
    }

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
