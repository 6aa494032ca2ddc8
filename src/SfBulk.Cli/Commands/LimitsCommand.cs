using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk limits</c>: the org's Bulk-related daily allocations from the REST limits resource.</summary>
internal static class LimitsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all")
        {
            Description = "List every allocation the org reports, not only the Bulk-related ones.",
        };
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("limits", "Show the org's daily allocations: API requests, Bulk API batches, Bulk API 2.0 query jobs and result storage (costs one API request).") { all });
        return command.WithAction(async (context, cancellationToken) =>
        {
            using var sf = context.Connect(connection);
            var limits = await new BulkJobClient(sf).GetLimitsAsync(cancellationToken).ConfigureAwait(false);
            var shown = LimitsReport.Select(limits, context.Parse.GetValue(all));
            if (context.Json)
            {
                JsonOutput.Write(w => LimitsReport.WriteJson(w, shown));
            }
            else
            {
                LimitsReport.WriteTable(Terminal.Out, shown);
                foreach (var missing in LimitsReport.Missing(limits))
                {
                    context.Warn($"the org did not report {missing}.");
                }
            }

            return ExitCodes.Success;
        });
    }
}
