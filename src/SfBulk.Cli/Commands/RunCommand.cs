using System.CommandLine;
using SfBulk.Activity;
using SfBulk.Cli.Infrastructure;

namespace SfBulk.Cli.Commands;

/// <summary>
/// <c>sfbulk run --input &lt;file&gt; [--output-file &lt;file&gt;]</c>: executes the Close Job activity from an input document
/// (JSON or XML, the reference activity's names) and writes the output document, or a fault document, in the same
/// format.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "The input document (CloseJobConnection, CloseJob, CloseJobOptional) as JSON or XML; '-' reads standard input.",
            HelpName = "file",
            Required = true,
        };
        var outputFile = new Option<string>("--output-file")
        {
            Description = "Where to write the output (or fault) document; default standard output.",
            HelpName = "file",
        };
        var connection = new ConnectionOptions();
        var command = connection.AddTo(new Command("run", "Run the Close Job activity from an input document and write its output document.") { input, outputFile });
        return command.WithAction(async (context, cancellationToken) =>
        {
            var path = context.Parse.GetValue(input)!;
            string text;
            try
            {
                text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"--input: {path} could not be read ({e.Message}).", ExitCodes.UsageError, e);
            }

            var xml = IsXml(path, text);
            var target = context.Parse.GetValue(outputFile);
            try
            {
                CloseJobInput document;
                try
                {
                    document = xml ? CloseJobDocuments.ReadInputXml(text) : CloseJobDocuments.ReadInputJson(text);
                }
                catch (FormatException e)
                {
                    throw new SalesforceRestException("Invalid Close Job input: " + e.Message, SfBulkErrorCodes.InvalidArgument, null, null, null, e);
                }

                using var shared = SharedConnection(context, connection, document);
                var output = await new CloseJobActivity(shared).ExecuteAsync(document, cancellationToken).ConfigureAwait(false);
                await WriteAsync(target, xml ? CloseJobDocuments.WriteOutputXml(output) : CloseJobDocuments.WriteOutputJson(output), cancellationToken).ConfigureAwait(false);
                context.Info($"{output.Detail.Outcome}: {output.Detail.Job}");
                return ExitCodes.Success;
            }
            catch (SalesforceException e) when (!cancellationToken.IsCancellationRequested)
            {
                var fault = CloseJobActivity.ToFault(e);
                await WriteAsync(target, xml ? CloseJobDocuments.WriteFaultXml(fault) : CloseJobDocuments.WriteFaultJson(fault), cancellationToken).ConfigureAwait(false);
                return ErrorReporter.Report(e, context.Verbosity);
            }
        });
    }

    /// <summary>
    /// The shared connection resource: the one the options name; else, when the document carries its own session,
    /// the default connection if there is one (it refreshes a non-external session), or none.
    /// </summary>
    private static SalesforceConnection? SharedConnection(CommandContext context, ConnectionOptions options, CloseJobInput document)
    {
        var request = options.Read(context.Parse);
        if (request.Any || document.CloseJobConnection is not { SessionId.Length: > 0 })
        {
            return ConnectionResolver.Resolve(request, context.LoggerFactory, warn: context.Warn);
        }

        try
        {
            return ConnectionResolver.Resolve(request, context.LoggerFactory, warn: context.Warn);
        }
        catch (SalesforceConnectionNotFoundException)
        {
            return null;
        }
    }

    private static bool IsXml(string path, string text)
    {
        if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');
    }

    private static async Task WriteAsync(string? target, string document, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            await Console.Out.WriteLineAsync(document.AsMemory(), cancellationToken).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await File.WriteAllTextAsync(target, document + "\n", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--output-file: {target} could not be written ({e.Message}).", ExitCodes.UsageError, e);
        }
    }
}
