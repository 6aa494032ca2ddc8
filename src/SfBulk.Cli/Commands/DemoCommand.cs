using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SfBulk.Cli.Demo;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using SfBulk.Emulator;
using SfBulk.Models;
using SfBulk.Watching;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk demo</c>: the main job end to end on an embedded emulator. An integration creates a PK-chunked Bulk API
/// 1.0 query job in plain HTTP and leaves it open; sfbulk watches the chunk batches and closes the job when every
/// chunk is done (the original batch ends NotProcessed, which counts as done).
/// </summary>
internal static class DemoCommand
{
    private const string ApiVersion = "66.0";
    private const string Soql = "SELECT Id, Name FROM Account";
    private const int ChunkSize = 100_000;

    public static Command Create()
    {
        var scale = new Option<double>("--time-scale")
        {
            Description = "Emulated seconds per real second (each chunk takes 30 emulated seconds).",
            DefaultValueFactory = _ => 20.0,
        };
        scale.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value is < 1 or > 10_000)
            {
                r.AddError("--time-scale must be from 1 to 10000.");
            }
        });
        var command = new Command("demo", "Watch sfbulk close a PK-chunked Bulk API 1.0 query job on an embedded emulator (nothing else needed).") { scale };
        return command.WithAction(async (context, cancellationToken) =>
        {
            var narrate = context.Json ? (context.Verbosity > Verbosity.Quiet ? Console.Error : TextWriter.Null) : Console.Out;
            var started = Stopwatch.StartNew();
            await using var emulator = await EmulatorServer.StartAsync(
                new EmulatorOptions
                {
                    Port = 0,
                    BatchQueueDelay = TimeSpan.FromSeconds(2),
                    ChunkingDelay = TimeSpan.FromSeconds(5),
                    BatchProcessingTime = TimeSpan.FromSeconds(30),
                    MaxParallelBatches = 4,
                },
                cancellationToken).ConfigureAwait(false);
            var timeScale = context.Parse.GetValue(scale);
            emulator.Clock.SetScale(timeScale);
            narrate.WriteLine($"1. Started a local Salesforce emulator at {emulator.BaseUri}");
            narrate.WriteLine(FormattableString.Invariant($"   (Account holds 1,000,000 records; time runs {timeScale:0.#}x)."));

            using var http = new HttpClient { BaseAddress = emulator.BaseUri };
            var integration = new DemoIntegration(http, ApiVersion);
            var (instanceUrl, sessionId) = await integration.LoginAsync(emulator.Options.Username, emulator.Options.Password, cancellationToken).ConfigureAwait(false);
            var jobId = await integration.CreatePkChunkedQueryJobAsync(sessionId, "Account", ChunkSize, cancellationToken).ConfigureAwait(false);
            var batchId = await integration.AddQueryBatchAsync(sessionId, jobId, Soql, cancellationToken).ConfigureAwait(false);
            narrate.WriteLine($"2. An integration logged in and created query job {jobId}");
            narrate.WriteLine($"   with 'Sforce-Enable-PKChunking: chunkSize={ChunkSize.ToString(CultureInfo.InvariantCulture)}', added batch");
            narrate.WriteLine($"   {batchId} ({Soql}) and left the job open.");

            // sfbulk takes over with the integration's session (an external session: never refreshed). The watcher runs
            // on the emulator's clock, so it plans its polls in the time the batches run in.
            using var connection = SalesforceConnection.FromExternalSession(instanceUrl, sessionId, ApiVersion, context.LoggerFactory);
            var watcher = new JobWatcher(
                new BulkJobClient(connection),
                new WatchOptions { Api = BulkApi.V1, CloseWhenDone = true, InitialInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromHours(1), TimeProvider = new ScaledTimeProvider(emulator.Clock, timeScale) });
            narrate.WriteLine("3. sfbulk watches the job: the original batch ends NotProcessed and Salesforce");
            narrate.WriteLine("   adds one batch per chunk; sfbulk closes the job as soon as every chunk batch");
            narrate.WriteLine("   is done.");
            var snapshots = watcher.WatchProgressAsync(jobId, cancellationToken);
            var result = await WatchDisplay.FollowAsync(context, snapshots, cancellationToken, plain: Terminal.IsInteractive || (context.Json && Terminal.IsErrorInteractive) ? null : narrate).ConfigureAwait(false);
            if (result.Outcome != WatchOutcome.Closed)
            {
                throw new CliException("The demo job did not end as expected: " + result.Message, WatchReport.ExitCode(result) is var code && code != ExitCodes.Success ? code : ExitCodes.PartialFailure);
            }

            var total = await ApiCallsAsync(http, emulator.ControlToken, cancellationToken).ConfigureAwait(false);
            var ours = total - integration.Calls;
            var job = result.Job;
            var chunks = job.NumberBatchesTotal - 1;
            narrate.WriteLine(FormattableString.Invariant($"4. All {chunks} chunks are done ({job.NumberBatchesCompleted} completed, {job.NumberBatchesFailed} failed); sfbulk closed the job"));
            narrate.WriteLine(FormattableString.Invariant($"   {result.CloseDelay?.TotalSeconds ?? 0:0.#} s (emulated) after the last one finished."));
            if (context.Json)
            {
                JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("job");
                    JobJson.WriteJob(w, job);
                    w.WriteNumber("chunks", chunks);
                    w.WriteString("outcome", WatchReport.JsonWord(result.Outcome));
                    w.WriteStartObject("apiCalls");
                    w.WriteNumber("total", total);
                    w.WriteNumber("integration", integration.Calls);
                    w.WriteNumber("sfbulk", ours);
                    w.WriteNumber("watcher", result.CallsUsed);
                    w.WriteNumber("jobReads", result.Polls);
                    w.WriteEndObject();
                    w.WriteNumber("elapsedSeconds", Math.Round(started.Elapsed.TotalSeconds, 1));
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.Out.WriteLine();
                JobTable.WriteJob(Terminal.Out, job);
                Console.Out.WriteLine();
                Console.Out.WriteLine(FormattableString.Invariant($"API calls: {total} in all — the integration {integration.Calls} (login, create job, add batch),"));
                Console.Out.WriteLine(FormattableString.Invariant($"sfbulk {ours} ({result.Polls} job reads, {result.CallsUsed - result.Polls - 1} batch-list read{(result.CallsUsed - result.Polls - 1 == 1 ? string.Empty : "s")}, 1 close). Took {started.Elapsed.TotalSeconds:0.0} s."));
            }

            return ExitCodes.Success;
        });
    }

    private static async Task<long> ApiCallsAsync(HttpClient http, string controlToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_emulator/requests");
        request.Headers.Add(EmulatorServer.ControlTokenHeader, controlToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return json.RootElement.GetProperty("total").GetInt64();
    }
}
