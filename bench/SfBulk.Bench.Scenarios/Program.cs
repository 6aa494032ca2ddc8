using SfBulk.Bench.Scenarios;

// Usage:
//   SfBulk.Bench.Scenarios watch <output-dir> [--seeds N]
//   SfBulk.Bench.Scenarios orgwatch <output-dir> [--seed N]
//   SfBulk.Bench.Scenarios sweep <instance-url> [--concurrency N]       (session id in SFBULK_SESSION_ID)
//   SfBulk.Bench.Scenarios raw-sweep <instance-url> [--concurrency N]   (session id in SFBULK_SESSION_ID)
// Each prints one JSON object on standard output.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    var command = args.Length > 0 ? args[0] : string.Empty;
    return command switch
    {
        "watch" when args.Length >= 2 => await WatchScenario.RunAsync(args[1], Arguments.Int(args, "--seeds", 5), cancel.Token),
        "orgwatch" when args.Length >= 2 => await OrgWatchScenario.RunAsync(args[1], Arguments.Int(args, "--seed", 42), cancel.Token),
        "sweep" when args.Length >= 2 => await SweepScenario.RunAsync(new Uri(args[1]), Arguments.Session(), Arguments.Int(args, "--concurrency", 4), cancel.Token),
        "raw-sweep" when args.Length >= 2 => await RawSweepScenario.RunAsync(new Uri(args[1]), Arguments.Session(), Arguments.Int(args, "--concurrency", 4), cancel.Token),
        _ => Arguments.Usage(),
    };
}
catch (Exception e) when (e is not OperationCanceledException)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return 1;
}
