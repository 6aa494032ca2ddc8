using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SfBulk.Authentication;
using SfBulk.Cli.Commands;
using SfBulk.Cli.Infrastructure;
using SfBulk.Emulator;
using SfBulk.Emulator.Seeding;

namespace SfBulk.Cli.Ui;

/// <summary>
/// <c>sfbulk ui [connection options] [--port n] [--no-open] [--emulator]</c>: a local web page like Setup &gt; Bulk
/// Data Load Jobs (list, watch, close, abort, sweep) on 127.0.0.1. The first line on standard output is the URL to
/// open, with its access token.
/// </summary>
internal static class UiCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The TCP port on 127.0.0.1 to serve the page on (default 0: a free one).",
            DefaultValueFactory = _ => 0,
        };
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        var noOpen = new Option<bool>("--no-open") { Description = "Do not open the default browser; just print the URL." };
        var emulator = new Option<bool>("--emulator")
        {
            Description = "Serve the page for an embedded emulator seeded with a demo org (open, running, failed and closed jobs of several users); no Salesforce needed.",
        };

        var watchAll = new Option<bool>("--watch-all")
        {
            Description = "Also run an org watcher while the page is served, as 'sfbulk watch --all' does (by default every PK-chunked Bulk API 1.0 job at least 1 hour old); the page's Org watcher tab shows it.",
        };
        var close = new Option<bool>("--close") { Description = "With --watch-all: close each followed job as soon as every batch that will run has finished." };
        var orgFilters = WatchAllCommand.Create("--watch-all");
        var maxInterval = InputRules.Duration("--max-interval", "With --watch-all: the longest pause between two listings of the org's jobs (default 30s); it bounds how long a new job goes unseen.", maximum: TimeSpan.FromDays(1));
        var floor = InputRules.MinApiRemaining("the org watcher");
        Option[] watchOptions = [close, orgFilters.OlderThan, orgFilters.Object, orgFilters.Operation, orgFilters.CreatedBy, orgFilters.JobType, maxInterval, floor];

        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("ui", "Serve a local web page to see, watch, close, abort and sweep the org's Bulk API jobs (127.0.0.1 only); with --watch-all it also runs an org watcher and shows it.") { port, noOpen, emulator, watchAll });
        foreach (var option in watchOptions)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            if (!r.GetValue(watchAll))
            {
                foreach (var option in watchOptions.Where(o => r.GetResult(o) is { Implicit: false }))
                {
                    r.AddError($"{option.Name} goes with --watch-all.");
                }
            }

            if (r.GetValue(emulator) && (r.GetValue(connection.InstanceUrl) ?? r.GetValue(connection.SessionId) ?? r.GetValue(connection.Connection) ?? r.GetValue(connection.TargetOrg)) is not null)
            {
                r.AddError("--emulator serves the embedded demo org: leave out the connection options (--instance-url, --session-id, --connection, --target-org).");
            }
        });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var parse = context.Parse;
            await using var demo = parse.GetValue(emulator) ? await StartDemoAsync(cancellationToken).ConfigureAwait(false) : null;
            var options = demo is not null
                ? await DemoOptionsAsync(demo, parse.GetValue(port), cancellationToken).ConfigureAwait(false)
                : await OrgOptionsAsync(context, connection, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(watchAll))
            {
                var orgWatch = orgFilters.ToOptions(parse, parse.GetValue(close), parse.GetValue(maxInterval));
                orgWatch.MinApiRemaining = parse.GetValue(floor);
                options.OrgWatch = orgWatch;
            }

            UiServer server;
            try
            {
                server = await UiServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                options.Connection.Dispose();
                throw new CliException($"The page could not be served on port {parse.GetValue(port)} ({e.Message}). Pick another port with --port, or --port 0 for a free one.", ExitCodes.UsageError, e);
            }

            await using (server.ConfigureAwait(false))
            {
                Console.Out.WriteLine(server.LaunchUri.ToString());
                Console.Out.Flush();
                context.Info($"Serving the jobs of {options.OrgLabel} ({options.InstanceLabel}) as {options.UserLabel}. Open the URL above; it holds this run's access token.");
                if (!parse.GetValue(noOpen) && !OpenBrowser(server.LaunchUri))
                {
                    context.Info("No browser was opened (no desktop found); open the URL yourself.");
                }

                context.Info("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            Console.Error.WriteLine("Stopped.");
            return ExitCodes.Success;
        });
    }

    private static async Task<EmulatorServer> StartDemoAsync(CancellationToken cancellationToken)
    {
        var emulator = await EmulatorServer.StartAsync(
            DemoOrg.AddUsers(new EmulatorOptions { Port = 0, BatchProcessingTime = TimeSpan.FromSeconds(30) }),
            cancellationToken).ConfigureAwait(false);
        DemoOrg.Seed(emulator);
        return emulator;
    }

    /// <summary>Options for the embedded demo org: logs in as its admin and names its users.</summary>
    internal static async Task<UiServerOptions> DemoOptionsAsync(EmulatorServer emulator, int port, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var http = new HttpClient { BaseAddress = emulator.BaseUri })
        {
            http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, emulator.ControlToken);
            using var org = JsonDocument.Parse(await http.GetStringAsync("_emulator/org", cancellationToken).ConfigureAwait(false));
            foreach (var user in org.RootElement.GetProperty("users").EnumerateArray())
            {
                names[user.GetProperty("id").GetString()!] = user.GetProperty("username").GetString()!;
            }
        }

        var connection = new SalesforceConnection(new SalesforceConnectionOptions
        {
            Name = "emulator",
            LoginUrl = emulator.BaseUri,
            Credential = new SoapLoginCredential(emulator.Options.Username, emulator.Options.Password),
        });
        await connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new UiServerOptions
        {
            Port = port,
            Connection = connection,
            OrgLabel = "Emulator (demo org)",
            UserLabel = emulator.Options.Username,
            InstanceLabel = emulator.BaseUri.GetLeftPart(UriPartial.Authority),
            UserNames = names,
            IsEmulator = true,
            Time = time ?? emulator.Clock,
        };
    }

    private static async Task<UiServerOptions> OrgOptionsAsync(CommandContext context, ConnectionOptions connection, int port, CancellationToken cancellationToken)
    {
        var sf = context.Connect(connection);
        try
        {
            context.Info($"Connecting ({sf.Credential})…");
            var instance = await sf.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return new UiServerOptions
            {
                Port = port,
                Connection = sf,
                OrgLabel = sf.Name,
                UserLabel = sf.Credential switch
                {
                    SoapLoginCredential soap => soap.Username,
                    UsernamePasswordCredential password => password.Username,
                    JwtBearerCredential jwt => jwt.Username,
                    _ => "the session's user (" + sf.Credential.Kind + ")",
                },
                InstanceLabel = instance.GetLeftPart(UriPartial.Authority),
            };
        }
        catch
        {
            sf.Dispose();
            throw;
        }
    }

    /// <summary>Opens the default browser on a desktop; never under CI or without a display.</summary>
    private static bool OpenBrowser(Uri uri)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            return false;
        }

        var (file, argument) = OperatingSystem.IsWindows() ? ("explorer.exe", uri.ToString())
            : OperatingSystem.IsMacOS() ? ("open", uri.ToString())
            : ("xdg-open", uri.ToString());
        if (OperatingSystem.IsLinux() && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(file) { ArgumentList = { argument }, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
