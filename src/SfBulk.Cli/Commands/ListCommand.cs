using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Jobs;
using SfBulk.Models;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk list [--state …] [--pk-chunking] [--job-type …] [--older-than …] [--object …]</c>: every job of the org
/// (Bulk API 2.0 Get All Jobs, every page), filtered.
/// </summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var state = FilterOptions.State("Only jobs in this state: ");
        var pkChunking = new Option<bool>("--pk-chunking") { Description = "Only jobs with PK chunking enabled." };
        var jobType = FilterOptions.JobType("Only jobs of this type: Classic (Bulk API 1.0), V2Ingest or V2Query.");
        var olderThan = InputRules.Duration("--older-than", "Only jobs created longer ago than this (for example 24h).");
        var objectName = new Option<string>("--object") { Description = "Only jobs on this sObject (for example Account).", HelpName = "name" };

        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("list", "List the org's Bulk API jobs (every page of Get All Jobs).") { state, pkChunking, jobType, olderThan, objectName });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            var filter = new JobListFilter
            {
                IsPkChunkingEnabled = parse.GetValue(pkChunking) ? true : null,
                JobType = parse.GetValue(jobType),
            };
            var wantedState = parse.GetValue(state);
            var age = parse.GetValue(olderThan);
            var wantedObject = parse.GetValue(objectName);

            using var sf = context.Connect(connection);
            var client = new BulkJobClient(sf);
            var now = DateTimeOffset.UtcNow;
            var jobs = new List<JobInfo>();
            await foreach (var job in client.GetAllJobsAsync(filter, cancellationToken).ConfigureAwait(false))
            {
                if ((wantedState is null || job.State == wantedState)
                    && (age is null || job.CreatedDate <= now - age.Value)
                    && (wantedObject is null || string.Equals(job.Object, wantedObject, StringComparison.OrdinalIgnoreCase)))
                {
                    jobs.Add(job);
                }
            }

            if (context.Json)
            {
                JsonOutput.Write(w =>
                {
                    w.WriteStartArray();
                    foreach (var job in jobs)
                    {
                        JobJson.WriteJob(w, job);
                        JsonOutput.Pace(w);
                    }

                    w.WriteEndArray();
                });
            }
            else if (jobs.Count > 0)
            {
                JobTable.WriteList(Terminal.Out, jobs, now);
            }

            if (!context.Json && context.Verbosity > Verbosity.Quiet)
            {
                Console.Error.WriteLine(jobs.Count == 1 ? "1 job." : $"{jobs.Count} jobs.");
            }

            return ExitCodes.Success;
        });
    }
}
