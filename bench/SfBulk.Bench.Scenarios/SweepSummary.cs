using System.Diagnostics;
using System.Globalization;

namespace SfBulk.Bench.Scenarios;

/// <summary>The one-line JSON result of a sweep run (the same fields as the jsforce sweep script prints).</summary>
internal static class SweepSummary
{
    public static void Write(string client, int closed, long calls, TimeSpan elapsed, int concurrency, TimeSpan listing)
    {
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"client\":\"{client}\",\"concurrency\":{concurrency},\"closed\":{closed},\"calls\":{calls},\"seconds\":{elapsed.TotalSeconds:0.###},\"listingSeconds\":{listing.TotalSeconds:0.###},\"jobsPerSecond\":{closed / elapsed.TotalSeconds:0.#},\"peakWorkingSetBytes\":{self.PeakWorkingSet64}}}"));
    }
}
