using SfBulk.Emulator.Identity;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>One authenticated Bulk API 1.0 request: the session, the job named in the route, the response format.</summary>
internal sealed class V1Call
{
    public required HttpContext Context { get; init; }

    public required OrgState State { get; init; }

    public required EmulatedSession Session { get; init; }

    /// <summary>The API version in the URL, e.g. <c>66.0</c>.</summary>
    public required string Version { get; init; }

    public required WireFormat Format { get; init; }

    /// <summary>The job named in the route (guaranteed non-null for routes with a job id).</summary>
    public EmulatedJob? Job { get; init; }

    public EmulatedJob RequiredJob => Job ?? throw new InvalidOperationException("The route has no job.");

    /// <summary>Finds a visible batch of the job by a 15- or 18-character id; the caller holds the job's gate.</summary>
    /// <exception cref="V1Exception"><c>InvalidBatch</c> when the id is malformed or not a batch of this job.</exception>
    public EmulatedBatch FindBatch(DateTimeOffset now)
    {
        var raw = Context.Request.RouteValues["batchId"] as string;
        if (SalesforceIds.TryNormalize(raw, out var id))
        {
            foreach (var batch in RequiredJob.Batches)
            {
                if (batch.CreatedDate <= now && string.Equals(batch.Id, id, StringComparison.Ordinal))
                {
                    return batch;
                }
            }
        }

        // Code per the doc's description of InvalidBatch; message unverified.
        throw new V1Exception(ExceptionCodes.InvalidBatch, "Invalid batch id: " + raw);
    }
}
