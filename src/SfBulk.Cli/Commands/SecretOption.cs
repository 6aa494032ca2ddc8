using System.CommandLine;
using SfBulk.Cli.Infrastructure;
using SfBulk.Connection;

namespace SfBulk.Cli.Commands;

/// <summary>A secret of <c>connection add</c>: <c>--x &lt;value|-&gt;</c> stores it, <c>--x-env NAME</c> references a variable.</summary>
internal sealed class SecretOption
{
    public SecretOption(string name, string what, Action<SalesforceConnectionSettings, string> store, Action<SalesforceConnectionSettings, string> storeEnv)
    {
        Value = new Option<string>(name)
        {
            Description = $"Store {what} in the config file (owner-only); '-' reads it from standard input.",
            HelpName = "value|-",
        };
        Env = new Option<string>(name + "-env")
        {
            Description = $"Read {what} from this environment variable when connecting (nothing secret is stored).",
            HelpName = "NAME",
        };
        Env.Validators.Add(r =>
        {
            var variable = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
            if (variable.Length == 0 || char.IsAsciiDigit(variable[0]) || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                r.AddError($"{Env.Name}: '{variable}' is not an environment variable name (letters, digits and '_', not starting with a digit).");
            }
        });
        _store = store;
        _storeEnv = storeEnv;
    }

    private readonly Action<SalesforceConnectionSettings, string> _store;
    private readonly Action<SalesforceConnectionSettings, string> _storeEnv;

    public Option<string> Value { get; }

    public Option<string> Env { get; }

    /// <summary>Copies the given value (reading standard input for '-') or variable name into <paramref name="connection"/>.</summary>
    public void Apply(ParseResult parse, SalesforceConnectionSettings connection, CommandContext context)
    {
        var value = parse.GetValue(Value);
        var variable = parse.GetValue(Env);
        if (value is not null && variable is not null)
        {
            throw new CliException($"Give {Value.Name} or {Env.Name}, not both.", ExitCodes.UsageError);
        }

        if (variable is not null)
        {
            _storeEnv(connection, variable);
            return;
        }

        if (value is null)
        {
            return;
        }

        if (value == "-")
        {
            value = Console.In.ReadLine()?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(value))
            {
                throw new CliException($"{Value.Name} - reads the value from standard input, but there was no line for it.", ExitCodes.UsageError);
            }
        }
        else
        {
            context.Warn($"{Value.Name} given on the command line can be seen by other users (ps) and stays in shell history; prefer '{Value.Name} -' (standard input) or {Env.Name}.");
        }

        _store(connection, value);
    }
}
