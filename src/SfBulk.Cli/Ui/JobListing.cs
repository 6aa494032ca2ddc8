using System.Collections.Concurrent;
using SfBulk.Jobs;
using SfBulk.Models;

namespace SfBulk.Cli.Ui;

/// <summary>
/// The org's job list as last read: every refresh is one listing (Get All Jobs, all its pages), never a call per job,
/// and refreshes asked for within <see cref="UiServerOptions.MinListingInterval"/> of the last share it. Details read
/// elsewhere (job pages, actions) fill the counts Salesforce's list leaves out.
/// </summary>
internal sealed class JobListing(BulkJobClient client, UiServerOptions options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, JobInfo> _details = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pkChunked = new(StringComparer.Ordinal);
    private volatile Snapshot _current = new([], null, false, 0, null);

    /// <summary>One listing's result.</summary>
    public sealed record Snapshot(IReadOnlyList<JobInfo> Jobs, DateTimeOffset? ListedAt, bool PkOnly, long Listings, string? Error);

    public Snapshot Current => _current;

    /// <summary>Lists the org's jobs again unless a listing of the same kind is fresher than the minimum interval.</summary>
    public async Task<Snapshot> RefreshAsync(bool pkOnly, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            var now = options.Time.GetUtcNow();
            if (current.ListedAt is { } at && current.PkOnly == pkOnly && current.Error is null
                && (!force || now - at < options.MinListingInterval))
            {
                return current;
            }

            var jobs = new List<JobInfo>();
            try
            {
                await foreach (var job in client.GetAllJobsAsync(pkOnly ? new JobListFilter { IsPkChunkingEnabled = true } : null, cancellationToken).ConfigureAwait(false))
                {
                    jobs.Add(job);
                    if (pkOnly)
                    {
                        _pkChunked[job.Id] = true;
                    }
                }

                _current = new Snapshot(jobs, options.Time.GetUtcNow(), pkOnly, current.Listings + 1, null);
            }
            catch (Exception e) when (e is SalesforceException or HttpRequestException)
            {
                _current = current with { Error = e.Message, Listings = current.Listings + 1 };
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Remembers a job read in full (its counts show in the list).</summary>
    public void Remember(JobInfo job)
    {
        _details[job.Id] = job;
    }

    /// <summary>Remembers that a job is PK-chunked (seen on its batch list).</summary>
    public void RememberPkChunked(string jobId) => _pkChunked[jobId] = true;

    public JobInfo? Detail(string jobId) => _details.TryGetValue(jobId, out var job) ? job : null;

    /// <summary>True when known PK-chunked, null when unknown (Salesforce's list does not say).</summary>
    public bool? IsPkChunked(string jobId, bool listedAsPkOnly) => listedAsPkOnly || _pkChunked.ContainsKey(jobId) ? true : null;

    /// <summary>The job as best known: the full read when newer than the listing, else the listing's record.</summary>
    public JobInfo Best(JobInfo listed) =>
        _details.TryGetValue(listed.Id, out var detail) && detail.SystemModstamp >= listed.SystemModstamp ? detail : listed;
}
