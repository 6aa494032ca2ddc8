using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SfBulk.Bench.Scenarios;

/// <summary>
/// The floor of a sweep: the same requests as a sweep (every page of Bulk 2.0 Get All Jobs for ingest and query jobs,
/// then one Bulk 1.0 close per open Classic job, each listed job once at the given concurrency) from a bare <see cref="HttpClient"/> with
/// no retries, no typed models and no checks beyond the status code — the emulator's own capacity for this work.
/// </summary>
internal static class RawSweepScenario
{
    private static readonly byte[] CloseBody = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><state>Closed</state></jobInfo>");

    public static async Task<int> RunAsync(Uri instanceUrl, string sessionId, int concurrency, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = instanceUrl,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sessionId);

        var heapBefore = SweepSummary.HeapNow();
        var clock = Stopwatch.StartNew();
        long calls = 0;
        var open = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { "ingest", "query" })
        {
            string? path = "/services/data/v66.0/jobs/" + kind;
            while (path is not null)
            {
                using var page = JsonDocument.Parse(await http.GetByteArrayAsync(new Uri(path, UriKind.Relative), cancellationToken));
                calls++;
                foreach (var job in page.RootElement.GetProperty("records").EnumerateArray())
                {
                    if (job.GetProperty("jobType").ValueEquals("Classic") && job.GetProperty("state").ValueEquals("Open") && seen.Add(job.GetProperty("id").GetString()!))
                    {
                        open.Add(job.GetProperty("id").GetString()!);
                    }
                }

                path = page.RootElement.GetProperty("done").GetBoolean() ? null : page.RootElement.GetProperty("nextRecordsUrl").GetString();
            }
        }

        var listing = clock.Elapsed;
        await Parallel.ForEachAsync(
            open,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (id, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/services/async/66.0/job/" + id, UriKind.Relative))
                {
                    Content = new ByteArrayContent(CloseBody),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "UTF-8" };
                request.Headers.TryAddWithoutValidation("X-SFDC-Session", sessionId);
                using var response = await http.SendAsync(request, token);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref calls);
            });
        clock.Stop();
        SweepSummary.Write("raw-httpclient", open.Count, calls, clock.Elapsed, concurrency, listing, heapBefore, open);
        return 0;
    }
}
