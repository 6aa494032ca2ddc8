using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SfBulk.Connection;
using SfBulk.Jobs;
using SfBulk.Limits;
using SfBulk.Models;

namespace SfBulk.Cli.Infrastructure;

/// <summary>
/// Checks of user input that run while parsing, so bad input ends with exit code 2 before any network call. URLs, API
/// versions and durations are checked by the library's <see cref="ConnectionRules"/>.
/// </summary>
internal static class InputRules
{
    /// <summary>Adds a parse-time URL check to an option.</summary>
    public static void AcceptUrlsOnly(this Option<string> option) => option.Validators.Add(r =>
    {
        if (r.Tokens.Count > 0 && !ConnectionRules.TryParseUrl(r.Tokens[0].Value, out _, out var error))
        {
            r.AddError($"{option.Name}: {error}");
        }
    });

    /// <summary>
    /// An option that takes one of <paramref name="values"/> (ignoring case) and gives it typed, spelled as in the list;
    /// anything else is a parse error (exit code 2) naming the option and the choices, before any network call.
    /// </summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What it is for.</param>
    /// <param name="helpName">How the help names its value.</param>
    /// <param name="values">The accepted spellings, canonical case.</param>
    /// <param name="toValue">The typed value of a canonical spelling.</param>
    public static Option<T?> Choice<T>(string name, string description, string helpName, string[] values, Func<string, T> toValue)
        where T : struct
    {
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
                if (values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) is { } canonical)
                {
                    return toValue(canonical);
                }

                r.AddError($"{name}: '{text}' is not one of {string.Join(", ", values)}.");
                return null;
            },
        };
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>The <c>--api auto|1|2</c> option of the commands that act on jobs by id.</summary>
    /// <param name="jobs">How the description names the jobs: "job belongs" or "jobs belong".</param>
    /// <remarks>Null when not given, read as <see cref="BulkApi.Auto"/> (a typed default would print as <c>Auto</c> in the help).</remarks>
    public static Option<BulkApi?> Api(string jobs)
        => Choice("--api", $"Which Bulk API the {jobs} to: auto (the default: try 1.0, then 2.0), 1 or 2.", "auto|1|2", ["auto", "1", "2"], v => v switch { "1" => BulkApi.V1, "2" => BulkApi.V2, _ => BulkApi.Auto });

    /// <summary>The <c>--state Closed|Aborted</c> option of <c>close</c>, parsed by <see cref="CloseJobState.TryParse"/>.</summary>
    public static Option<CloseJobState> TargetState() => new("--state")
    {
        Description = "The state to put the jobs in: Closed (no more batches; queued ones still run) or Aborted (queued batches are not processed).",
        HelpName = "Closed|Aborted",
        DefaultValueFactory = _ => CloseJobState.Closed,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (CloseJobState.TryParse(text, out var state))
            {
                return state;
            }

            r.AddError($"--state: '{text}' is not a close state: use Closed or Aborted.");
            return default;
        },
    };

    /// <summary>Adds a parse-time API version check to an option.</summary>
    public static void AcceptApiVersionsOnly(this Option<string> option) => option.Validators.Add(r =>
    {
        if (r.Tokens.Count > 0 && !ConnectionRules.TryValidateApiVersion(r.Tokens[0].Value, out var error))
        {
            r.AddError($"{option.Name}: {error}");
        }
    });

    /// <summary>
    /// Accepts only whole numbers from <paramref name="min"/> to <paramref name="max"/>. Reads the token itself: a
    /// token that is no number at all is left to the parser's own error (reading the value would throw).
    /// </summary>
    public static T Within<T>(this T option, long min, long max)
        where T : Option
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && long.TryParse(r.Tokens[0].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be from {min:N0} to {max:N0}."));
            }
        });
        return option;
    }

    /// <summary>A job id argument (one or more) checked with the library's rules (15/18 characters, checksum, 750 prefix).</summary>
    public static Argument<string[]> JobIds(string description)
    {
        var ids = new Argument<string[]>("job-id")
        {
            Description = description + " '-' reads more from standard input (white space or commas between ids).",
            Arity = ArgumentArity.OneOrMore,
        };
        ids.Validators.Add(r =>
        {
            for (var i = 0; i < r.Tokens.Count; i++)
            {
                var token = r.Tokens[i];
                if (token.Value != JobIdList.FromStandardInput && !SfBulk.Jobs.JobId.TryNormalize(token.Value, out _, out var error))
                {
                    // The message shows only the start of the value: say which argument it is.
                    r.AddError(r.Tokens.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"job id {i + 1} of {r.Tokens.Count}: {error}") : error);
                }
            }

            if (r.Tokens.Count(t => t.Value == JobIdList.FromStandardInput) > 1)
            {
                r.AddError("'-' (job ids from standard input) may be given once.");
            }
        });
        return ids;
    }

    /// <summary>A single job id argument.</summary>
    public static Argument<string> JobId(string description) => WithJobIdCheck(new Argument<string>("job-id")
    {
        Description = description,
    });

    /// <summary>A duration option (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>; the unit is required).</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the duration is for.</param>
    /// <param name="maximum">The longest accepted value; null accepts up to <see cref="DurationParser.Maximum"/>.</param>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan? maximum = null) => new(name)
    {
        Description = description + " Give a unit: ms, s, m, h or d (30s, 500ms).",
        HelpName = "duration",
        CustomParser = r => ParseDuration(r, name, maximum),
    };

    private static TimeSpan? ParseDuration(ArgumentResult r, string name, TimeSpan? maximum)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
        if (DurationParser.TryParse(text, out var duration, out var error))
        {
            if (maximum is { } most && duration > most)
            {
                r.AddError($"{name}: '{text}' is longer than the maximum of {most.TotalDays.ToString("0", CultureInfo.InvariantCulture)} days.");
                return null;
            }

            return duration;
        }

        r.AddError(error);
        return null;
    }

    private static Argument<T> WithJobIdCheck<T>(Argument<T> argument)
    {
        argument.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!SfBulk.Jobs.JobId.TryNormalize(token.Value, out _, out var error))
                {
                    r.AddError(error);
                }
            }
        });
        return argument;
    }

    /// <summary><c>--min-api-remaining &lt;n|percent&gt;</c>: the fewest daily API requests to leave the org.</summary>
    public static Option<ApiFloor?> MinApiRemaining(string what) => new("--min-api-remaining")
    {
        Description = $"Stop {what} before the org's remaining daily API requests would fall below this: a number (5000) or a share of the allocation (10%). Exit code 6.",
        HelpName = "n|percent",
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (ApiFloor.TryParse(text, out var floor, out var error))
            {
                return floor;
            }

            r.AddError("--min-api-remaining: " + error);
            return null;
        },
    };
}
