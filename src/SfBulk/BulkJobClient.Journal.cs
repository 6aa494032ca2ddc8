using System.Reflection;
using SfBulk.Jobs;
using SfBulk.Journal;
using SfBulk.Watching;

namespace SfBulk;

/// <summary>Recording state changes in <see cref="BulkJobClientOptions.Journal"/>.</summary>
public partial class BulkJobClient
{
    /// <summary>The sfbulk version journal entries name (the library's informational version, without build metadata).</summary>
    internal static readonly string SfbulkVersion = ReadVersion();

    /// <summary>
    /// Changes the state and, with a journal, records the change (or the refused or unanswered change request) before
    /// returning. Nothing is recorded when the job already was in the requested state or when nothing was asked of
    /// Salesforce (bad input, a job that does not exist).
    /// </summary>
    private Task<StateChangeOutcome> JournaledAsync(string jobId, CloseJobOptions? options, CloseJobState target, CancellationToken cancellationToken) =>
        JournaledAsync(jobId, options?.Api ?? BulkApi.Auto, token => ChangeStateAsync(jobId, options, target, token), cancellationToken);

    /// <summary>Runs <paramref name="change"/> and records what it did (see the overload above).</summary>
    private async Task<StateChangeOutcome> JournaledAsync(string jobId, BulkApi api, Func<CancellationToken, Task<StateChangeOutcome>> change, CancellationToken cancellationToken)
    {
        if (_options.Journal is not { } journal)
        {
            return await change(cancellationToken).ConfigureAwait(false);
        }

        var counter = new ApiCallCounter();
        var outcome = await counter.RunAsync(change, cancellationToken).ConfigureAwait(false);
        if (outcome.Result is not { } result)
        {
            if (outcome.Requests > 0)
            {
                await AppendAsync(journal, JobId.Normalize(jobId), api, null, null, null, "failed", counter.Count, outcome.Failure!.ErrorCode, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }

        if (result.Outcome == CloseOutcome.Closed || result.Outcome == CloseOutcome.Aborted)
        {
            await AppendAsync(
                journal,
                result.Job.Id,
                result.Api,
                result.Job.JobType,
                result.Outcome == CloseOutcome.Closed ? BulkJobState.Open.ToString() : null,
                result.Job.State.ToString(),
                result.Outcome == CloseOutcome.Closed ? "closed" : "aborted",
                counter.Count,
                null,
                cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task AppendAsync(
        IJobJournal journal,
        string jobId,
        BulkApi api,
        BulkJobType? jobType,
        string? before,
        string? after,
        string outcome,
        long requests,
        string? errorCode,
        CancellationToken cancellationToken)
    {
        var session = await _connection.GetSessionAsync(null, cancellationToken).ConfigureAwait(false);
        var entry = new JobJournalEntry(
            _options.TimeProvider.GetUtcNow(),
            session.KnownOrgId,
            session.InstanceUrl.Host,
            session.UserId,
            jobId,
            ApiName(api, jobType),
            before,
            after,
            outcome,
            requests,
            _options.JournalCommand,
            SfbulkVersion,
            Environment.MachineName,
            errorCode);
        await journal.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
    }

    private static string ApiName(BulkApi api, BulkJobType? jobType) => api switch
    {
        BulkApi.V1 => "bulk-1.0",
        BulkApi.V2 when jobType == BulkJobType.V2Query => "bulk-2.0-query",
        BulkApi.V2 => "bulk-2.0-ingest",
        _ => "bulk",
    };

    private static string ReadVersion()
    {
        var version = typeof(BulkJobClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(BulkJobClient).Assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
