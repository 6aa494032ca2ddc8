using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SfBulk.Diagnostics;

/// <summary>
/// The tracing source and meter of sfbulk, both named <c>SfBulk</c>. Subscribe with OpenTelemetry
/// (<c>AddSource("SfBulk")</c>, <c>AddMeter("SfBulk")</c>) or an <see cref="ActivityListener"/>/<see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// Instruments: <c>sfbulk.api.calls</c> (API requests sent, each try counted: every one spends the org's daily
/// allocation), <c>sfbulk.api.retries</c>, <c>sfbulk.session.refreshes</c>, <c>sfbulk.logins</c>, and the histogram
/// <c>sfbulk.api.duration</c> in seconds; the org watcher adds <c>sfbulk.orgwatch.jobs.watched</c>,
/// <c>sfbulk.orgwatch.jobs.closed</c>, <c>sfbulk.orgwatch.jobs.ended</c>, <c>sfbulk.orgwatch.listings</c> and
/// <c>sfbulk.orgwatch.api.calls</c>. Tags never carry secrets: connection name, API family, method, status.
/// </remarks>
public static class SfBulkDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "SfBulk";

    private static readonly string? Version = typeof(SfBulkDiagnostics).Assembly.GetName().Version?.ToString();

    /// <summary>The source of the <c>SfBulk.Request</c> and <c>SfBulk.Login</c> activities.</summary>
    internal static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter holding sfbulk's instruments.</summary>
    internal static Meter Meter { get; } = new(Name, Version);

    internal static Counter<long> ApiCalls { get; } =
        Meter.CreateCounter<long>("sfbulk.api.calls", "{call}", "HTTP requests sent to Salesforce APIs (each try).");

    internal static Counter<long> Retries { get; } =
        Meter.CreateCounter<long>("sfbulk.api.retries", "{retry}", "Retries of idempotent requests.");

    internal static Counter<long> SessionRefreshes { get; } =
        Meter.CreateCounter<long>("sfbulk.session.refreshes", "{refresh}", "Logins made because a session expired.");

    internal static Counter<long> Logins { get; } =
        Meter.CreateCounter<long>("sfbulk.logins", "{login}", "Login attempts, tagged by credential kind and outcome.");

    internal static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("sfbulk.api.duration", "s", "Duration of HTTP requests to Salesforce.");
}
