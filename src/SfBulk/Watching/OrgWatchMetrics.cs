using System.Diagnostics.Metrics;
using SfBulk.Diagnostics;

namespace SfBulk.Watching;

/// <summary>
/// The org watcher's instruments on the <c>SfBulk</c> meter: jobs followed now, jobs closed, listings (a health
/// signal: it grows every interval while the watch is alive), API calls spent, and jobs dropped by kind.
/// </summary>
internal static class OrgWatchMetrics
{
    public static UpDownCounter<long> JobsWatched { get; } =
        SfBulkDiagnostics.Meter.CreateUpDownCounter<long>("sfbulk.orgwatch.jobs.watched", "{job}", "Open jobs the org watcher follows now.");

    public static Counter<long> JobsClosed { get; } =
        SfBulkDiagnostics.Meter.CreateCounter<long>("sfbulk.orgwatch.jobs.closed", "{job}", "Jobs the org watcher closed once their batches finished.");

    public static Counter<long> JobsEnded { get; } =
        SfBulkDiagnostics.Meter.CreateCounter<long>("sfbulk.orgwatch.jobs.ended", "{job}", "Jobs the org watcher stopped following, tagged by how (kind).");

    public static Counter<long> Listings { get; } =
        SfBulkDiagnostics.Meter.CreateCounter<long>("sfbulk.orgwatch.listings", "{listing}", "Get All Jobs listings of the org watcher that succeeded.");

    public static Counter<long> ApiCalls { get; } =
        SfBulkDiagnostics.Meter.CreateCounter<long>("sfbulk.orgwatch.api.calls", "{call}", "API requests the org watcher sent (listings, reads, closes).");
}
