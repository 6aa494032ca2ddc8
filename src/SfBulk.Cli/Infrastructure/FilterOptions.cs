using System.CommandLine;
using SfBulk.Models;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// The typed options that pick jobs by what Salesforce says of them (operation, job type, state, creator), shared by
/// <c>list</c>, <c>sweep</c> and <c>watch --all</c> so each is spelled, checked and completed the same way everywhere.
/// </summary>
internal static class FilterOptions
{
    /// <summary>The job types a filter accepts, as Salesforce spells them.</summary>
    public static readonly string[] JobTypes = ["Classic", "V2Ingest", "V2Query"];

    /// <summary>The operations a filter accepts, as Salesforce spells them.</summary>
    public static readonly string[] Operations = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"];

    /// <summary>The job states a filter accepts, as Salesforce spells them.</summary>
    public static readonly string[] States = ["Open", "Closed", "Aborted", "Failed", "UploadComplete", "InProgress", "JobComplete"];

    /// <summary><c>--operation</c>: only jobs with this operation.</summary>
    public static Option<JobOperation?> Operation(string description) =>
        InputRules.Choice("--operation", description + string.Join(", ", Operations) + ".", "operation", Operations, v => new JobOperation(v));

    /// <summary><c>--job-type</c>: only jobs of this type.</summary>
    public static Option<BulkJobType?> JobType(string description) =>
        InputRules.Choice("--job-type", description, "Classic|V2Ingest|V2Query", JobTypes, v => new BulkJobType(v));

    /// <summary><c>--state</c>: only jobs in this state.</summary>
    public static Option<BulkJobState?> State(string description) =>
        InputRules.Choice("--state", description + string.Join(", ", States) + ".", "state", States, v => new BulkJobState(v));

    /// <summary><c>--created-by</c>: only jobs created by this user id (15 or 18 letters and digits starting with 005).</summary>
    public static Option<string> CreatedBy(string description)
    {
        var option = new Option<string>("--created-by") { Description = description, HelpName = "user-id" };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !IsUserId(r.Tokens[0].Value))
            {
                r.AddError($"--created-by: '{r.Tokens[0].Value}' is not a user id: 15 or 18 letters and digits starting with 005.");
            }
        });
        return option;
    }

    /// <summary>15 or 18 letters and digits starting with <c>005</c> (a User id).</summary>
    public static bool IsUserId(string text) =>
        text.Length is 15 or 18 && text.StartsWith("005", StringComparison.Ordinal) && text.All(char.IsAsciiLetterOrDigit);
}
