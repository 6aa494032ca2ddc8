using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Jobs;
using SfBulk.Models;
using Spectre.Console;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk show &lt;job-id&gt; [--batches]</c>: prints a job's JobInfo, and with --batches its Bulk 1.0 batches.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = InputRules.JobId("The id of the job (15 or 18 characters, starting with 750).");
        var batches = new Option<bool>("--batches")
        {
            Description = "Also list the job's batches (Bulk API 1.0 jobs): counts per state and one row per batch.",
        };
        var api = InputRules.Api("job belongs");
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("show", "Show a job's JobInfo (and its batches).") { id, batches, api });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var jobId = JobId.Normalize(context.Parse.GetValue(id));
            var apiValue = context.Parse.GetValue(api) ?? BulkApi.Auto;
            using var sf = context.Connect(connection);
            var client = new BulkJobClient(sf);
            var job = await client.GetJobAsync(jobId, apiValue, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<BatchInfo>? list = null;
            if (context.Parse.GetValue(batches))
            {
                if (job.JobType is { } type && type != BulkJobType.Classic)
                {
                    context.Warn($"job {job.Id} is a Bulk API 2.0 job ({type}): only Bulk API 1.0 jobs have batches.");
                }
                else
                {
                    list = await client.GetBatchesAsync(jobId, cancellationToken).ConfigureAwait(false);
                }
            }

            if (context.Json)
            {
                JsonOutput.Write(w => JobJson.WriteJob(w, job, list is null ? null : x =>
                {
                    x.WriteStartArray("batches");
                    foreach (var batch in list)
                    {
                        JobJson.WriteBatch(x, batch);
                    }

                    x.WriteEndArray();
                }));
            }
            else
            {
                JobTable.WriteJob(Terminal.Out, job);
                if (list is not null)
                {
                    Terminal.Out.Line();
                    BatchTable.Write(Terminal.Out, list);
                }
            }

            return ExitCodes.Success;
        });
    }
}
