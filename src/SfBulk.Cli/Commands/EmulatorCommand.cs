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

        var openJobs = SeedCount("--open-jobs", "Open Bulk API 1.0 insert jobs (2 batches each) to create at start.");
        var pkJobs = SeedCount("--pk-chunked-jobs", "PK-chunked Bulk API 1.0 query jobs (chunk size 100,000) to create at start; their chunks run as the emulator's time goes by.");
        var v2Jobs = SeedCount("--v2-jobs", "Open Bulk API 2.0 ingest jobs to create at start.");
        var ages = new Option<string[]>("--age")
        {
            Description = "How long ago the seeded jobs were created (default 0s); repeat it to spread the jobs over several ages (--age 2h --age 3d). Give a unit: s, m, h or d.",
            HelpName = "duration",
            AllowMultipleArgumentsPerToken = false,
        };
        ages.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!DurationParser.TryParse(token.Value, out _, out var error))
                {
                    r.AddError("--age: " + error);
                }
            }
        });
        var users = new Option<string[]>("--user")
        {
            Description = "The user name that created the seeded jobs (default admin@sfbulk.test); repeat it to spread the jobs over several users. A new user name is added to the org with the emulator's password.",
            HelpName = "username",
        };
        users.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => !t.Value.Contains('@', StringComparison.Ordinal)))
            {
                r.AddError($"--user: '{token.Value}' is not a user name such as ops@example.com.");
            }
        });

        var command = new Command("emulator", "Start the local Salesforce emulator, print how to connect to it (URL, credentials, control token), and optionally seed it with jobs.")
        {
            port, scale, limits, openControl, openJobs, pkJobs, v2Jobs, ages, users,
        };
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            var seed = new EmulatorSeed(
                parse.GetValue(openJobs),
                parse.GetValue(pkJobs),
                parse.GetValue(v2Jobs),
                [.. (parse.GetValue(ages) is { Length: > 0 } given ? given : ["0s"]).Select(a => DurationParser.TryParse(a, out var d, out _) ? d : TimeSpan.Zero)],
                parse.GetValue(users) is { Length: > 0 } named ? named : [EmulatorDefaults.Username]);
            EmulatorServer emulator;
            try
            {
                var options = new EmulatorOptions
                {
                    Port = parse.GetValue(port),
                    RequireControlToken = !parse.GetValue(openControl),
                    RequestLog = context.Verbosity >= Verbosity.Normal ? line => Console.Error.WriteLine("request: " + line) : null,
                };
                foreach (var setting in parse.GetValue(limits) ?? [])
                {
                    _ = AllocationNames.TryParseMaximum(setting, out var name, out var max);
                    options.AllocationMaxima[name] = max;
                }

                seed.AddUsers(options);
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
            if (seed.Any)
            {
                Console.Out.WriteLine(await seed.ApplyAsync(emulator, cancellationToken).ConfigureAwait(false));
            }

            Console.Out.WriteLine();
            Console.Out.WriteLine("Connect sfbulk to it (paste in another terminal):");
            Console.Out.WriteLine("  " + ConnectionAddLine(emulator).Replace(" --login-url ", " \\\n    --login-url ", StringComparison.Ordinal).Replace(" --username ", " \\\n    --username ", StringComparison.Ordinal));
            Console.Out.WriteLine("  sfbulk list --connection emulator");
            if (!seed.Any)
            {
                Console.Out.WriteLine("It holds no jobs yet. To start it with some, for example:");
                Console.Out.WriteLine("  sfbulk emulator --open-jobs 20 --pk-chunked-jobs 2 --v2-jobs 5 --age 2h --age 3d --user integration@sfbulk.test");
            }

            Console.Error.WriteLine(context.Verbosity >= Verbosity.Normal ? "Press Ctrl+C to stop. Requests are logged below." : "Press Ctrl+C to stop. To log each request, start it with -v n.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine("Emulator stopped.");
            }

            return ExitCodes.Success;
        });
    }

    /// <summary>The <c>sfbulk connection add emulator …</c> line for this emulator's URL and default user.</summary>
    public static string ConnectionAddLine(EmulatorServer emulator) => ShellWords.Join(
    [
        "sfbulk", "connection", "add", "emulator", "--force", "--credential", "soap",
        "--login-url", emulator.BaseUri.GetLeftPart(UriPartial.Authority),
        "--username", emulator.Options.Username, "--password", emulator.Options.Password,
    ]);

    private static Option<int> SeedCount(string name, string description)
    {
        var option = new Option<int>(name) { Description = description + " Default 0.", HelpName = "n" };
        option.Within(0, 100_000);
        return option;
    }

    /// <summary>The emulator's default settings.</summary>
    private static class EmulatorDefaults
    {
        public static readonly string Username = new EmulatorOptions().Username;
    }
}
