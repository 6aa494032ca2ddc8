using System.Diagnostics;
using System.Globalization;

namespace SfBulk.Bench.Scenarios;

/// <summary>The one-line JSON result of a sweep run (the same fields as the jsforce sweep script prints).</summary>
internal static class SweepSummary
{
    /// <summary>
    /// Writes the result. <paramref name="heapBefore"/> is the managed heap after a full collection before the sweep;
    /// the heap is measured again the same way while the sweep's result is still held, so that
    /// <c>resultBytes</c> is what the result itself keeps (the report: every job with its outcome).
    /// </summary>
    public static void Write(string client, int closed, long calls, TimeSpan elapsed, int concurrency, TimeSpan listing, long heapBefore, object result)
    {
        var resultBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(result);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"client\":\"{client}\",\"concurrency\":{concurrency},\"closed\":{closed},\"calls\":{calls},\"seconds\":{elapsed.TotalSeconds:0.###},\"listingSeconds\":{listing.TotalSeconds:0.###},\"jobsPerSecond\":{closed / elapsed.TotalSeconds:0.#},\"peakWorkingSetBytes\":{self.PeakWorkingSet64},\"resultBytes\":{resultBytes},\"allocatedBytes\":{GC.GetTotalAllocatedBytes(precise: true)}}}"));
    }

    /// <summary>The managed heap after a full collection: the baseline of <c>resultBytes</c>.</summary>
    public static long HeapNow() => GC.GetTotalMemory(forceFullCollection: true);
}
