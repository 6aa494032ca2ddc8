using System.CommandLine;
using SfBulk.Cli.Connections;
using SfBulk.Cli.Infrastructure;

namespace SfBulk.Cli.Commands;

/// <summary><c>sfbulk connection add|list|remove|test|set-default</c>: named connections in the per-user config file.</summary>
internal static class ConnectionCommand
{
    public static Command Create() => new("connection", "Manage named Salesforce connections (stored in the per-user config file; see SFBULK_CONFIG).")
    {
        ConnectionAddCommand.Create(),
        ConnectionListCommand.Create(),
        ConnectionRemoveCommand.Create(),
        ConnectionTestCommand.Create(),
        CreateSetDefault(),
    };

    /// <summary>The connection name argument.</summary>
    public static Argument<string> NameArgument(string description)
    {
        var name = new Argument<string>("name") { Description = description };
        name.Validators.Add(r =>
        {
            var value = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                r.AddError($"'{value}' is not a connection name: use 1 to 64 letters, digits, '-', '_' or '.'.");
            }
        });
        return name;
    }

    private static Command CreateSetDefault()
    {
        var name = NameArgument("The connection to use when no other connection is given.");
        return new Command("set-default", "Make a connection the default.") { name }.WithAction((context, _) =>
        {
            var store = ConnectionStore.Default();
            using var writeLock = store.Lock();
            var file = store.Load();
            var wanted = context.Parse.GetValue(name)!;
            if (!file.Connections.ContainsKey(wanted))
            {
                throw new SalesforceConnectionNotFoundException($"No connection named '{wanted}' in {store.Path} ('sfbulk connection list').");
            }

            file.Default = file.Connections.Keys.First(k => string.Equals(k, wanted, StringComparison.OrdinalIgnoreCase));
            store.Save(file);
            if (context.Verbosity > Verbosity.Quiet)
            {
                Console.Error.WriteLine($"'{file.Default}' is now the default connection.");
            }

            return Task.FromResult(ExitCodes.Success);
        });
    }
}
