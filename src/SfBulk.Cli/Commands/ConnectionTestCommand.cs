using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Cli.Output;
using Spectre.Console;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk connection test [name]</c>: logs in (with the named connection, or whatever the connection options and
/// precedence pick), reads one page of the job list to prove API access, and reports the instance URL and user.
/// </summary>
internal static class ConnectionTestCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The connection to test (default: the connection the options and precedence pick).", Arity = ArgumentArity.ZeroOrOne };
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("test", "Log in and report the instance URL and user.") { name });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var request = connection.Read(context.Parse);
            if (context.Parse.GetValue(name) is { } named)
            {
                request = request with { Connection = named };
            }

            using var sf = ConnectionResolver.Resolve(request, context.LoggerFactory, warn: context.Warn);
            var instance = await sf.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var client = new BulkJobClient(sf);
            await foreach (var _ in client.GetAllJobsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var instanceUrl = instance.GetLeftPart(UriPartial.Authority);
            if (context.Json)
            {
                JsonOutput.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("connection", sf.Name);
                    w.WriteString("instanceUrl", instanceUrl);
                    w.WriteString("credential", sf.Credential.Kind);
                    w.WriteString("login", sf.Credential.ToString());
                    w.WriteString("apiVersion", sf.ApiVersion);
                    w.WriteEndObject();
                });
            }
            else
            {
                Terminal.Out.WriteLine($"Connected to {instanceUrl} as {sf.Credential} (connection '{sf.Name}', API {sf.ApiVersion}).");
            }

            return ExitCodes.Success;
        });
    }
}
