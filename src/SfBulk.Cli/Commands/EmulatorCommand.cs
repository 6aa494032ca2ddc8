using System.CommandLine;
using System.Globalization;
using SfBulk.Cli.Infrastructure;
using SfBulk.Emulator;
using SfBulk.Emulator.Allocations;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk emulator [--port n] [--time-scale x] [--limit NAME=MAX]… [--open-control]</c>: runs the local Salesforce emulator until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The TCP port on 127.0.0.1 to listen on (0 picks a free one).",
            DefaultValueFactory = _ => 0,
        };
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        var scale = new Option<double>("--time-scale")
        {
            Description = "Emulated seconds per real second (60 makes a 5-minute job take 5 seconds).",
            DefaultValueFactory = _ => 1.0,
        };
        scale.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value is <= 0 or > 100_000)
            {
                r.AddError("--time-scale must be above 0 and at most 100000.");
            }
        });

        var limits = new Option<string[]>("--limit")
        {
            Description = "The maximum of a daily allocation, NAME=MAX (DailyApiRequests, DailyBulkApiBatches, DailyBulkV2QueryJobs, DailyBulkV2QueryFileStorageMB); repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        limits.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (AllocationNames.TryParseMaximum(token.Value, out _, out _) is { } problem)
                {
                    r.AddError("--limit: " + problem);
                }
            }
        });

        var openControl = new Option<bool>("--open-control")
        {
            Description = "Let any local caller use the control surface under /_emulator without the printed control token (for local scripts).",
        };

        var command = new Command("emulator", "Start the local Salesforce emulator and print its URL, credentials and control token.") { port, scale, limits, openControl };
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            EmulatorServer emulator;
            try
            {
                var options = new EmulatorOptions { Port = parse.GetValue(port), RequireControlToken = !parse.GetValue(openControl) };
                foreach (var setting in parse.GetValue(limits) ?? [])
                {
                    _ = AllocationNames.TryParseMaximum(setting, out var name, out var max);
                    options.AllocationMaxima[name] = max;
                }

                emulator = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CliException($"The emulator could not listen on port {parse.GetValue(port)} ({e.Message}). Pick another port with --port, or --port 0 for a free one.", ExitCodes.UsageError, e);
            }

            await using var running = emulator;
            emulator.Clock.SetScale(parse.GetValue(scale));
            Console.Out.WriteLine(EmulatorBanner.ListeningLine(emulator));
            Console.Out.WriteLine(EmulatorBanner.Credentials(emulator));
            Console.Out.WriteLine(EmulatorBanner.Control(emulator));
            Console.Error.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
    }
}
