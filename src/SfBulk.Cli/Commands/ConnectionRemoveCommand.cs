using System.CommandLine;
using SfBulk.Cli.Connections;
using SfBulk.Cli.Infrastructure;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk connection remove &lt;name&gt;</c>.</summary>
internal static class ConnectionRemoveCommand
{
    public static Command Create()
    {
        var name = ConnectionCommand.NameArgument("The connection to remove.");
        return new Command("remove", "Remove a named connection (and its stored secrets).") { name }.WithAction((context, _) =>
        {
            var store = ConnectionStore.Default();
            using var writeLock = store.Lock();
            var file = store.Load();
            var wanted = context.Parse.GetValue(name)!;
            if (!file.Connections.Remove(wanted))
            {
                throw new SalesforceConnectionNotFoundException($"No connection named '{wanted}' in {store.Path} ('sfbulk connection list').");
            }

            var wasDefault = string.Equals(file.Default, wanted, StringComparison.OrdinalIgnoreCase);
            if (wasDefault)
            {
                file.Default = null;
            }

            store.Save(file);
            if (context.Verbosity > Verbosity.Quiet)
            {
                Console.Error.WriteLine(wasDefault
                    ? $"Removed '{wanted}'. There is no default connection now ('sfbulk connection set-default <name>')."
                    : $"Removed '{wanted}'.");
            }

            return Task.FromResult(ExitCodes.Success);
        });
    }
}
