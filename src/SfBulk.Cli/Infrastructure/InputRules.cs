using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using SfBulk.Models;

namespace SfBulk.Cli.Infrastructure;

/// <summary>Checks of user input that run while parsing, so bad input ends with exit code 2 before any network call.</summary>
internal static class InputRules
{
    /// <summary>True for an absolute https URL, or http on a loopback address (a local emulator).</summary>
    /// <remarks>Errors show only the scheme and host of the value: never user information, path or query.</remarks>
    public static bool TryUrl(string? text, out Uri? url, out string? error)
    {
        url = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.IdnHost))
        {
            error = $"the value {ShownUrl(text)} is not an absolute URL such as https://mycompany.my.salesforce.com.";
            return false;
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            // Never echo the user information: it may hold a password.
            error = $"The URL {ShownUrl(text)} must not contain a user name or password.";
            return false;
        }

        var loopback = string.Equals(parsed.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(parsed.IdnHost, out var address) && IPAddress.IsLoopback(address));
        if (parsed.Scheme == Uri.UriSchemeHttp && !loopback)
        {
            error = $"{ShownUrl(text)} uses plain http: sfbulk sends sessions only over https (http is allowed for a local emulator on 127.0.0.1, ::1 or localhost).";
            return false;
        }

        url = parsed;
        error = null;
        return true;
    }

    /// <summary>
    /// How a URL given by a user appears in a message: <c>'scheme://host[:port]'</c> only, or a note that it is not
    /// shown when it is no web URL at all (it may be a session id or a password given in the wrong place).
    /// </summary>
    public static string ShownUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) && !url.IsFile && !url.IsUnc && !string.IsNullOrEmpty(url.IdnHost)
            ? "'" + url.Scheme + "://" + url.IdnHost + (url.IsDefaultPort ? string.Empty : ":" + url.Port.ToString(CultureInfo.InvariantCulture)) + "'"
            : "(not shown: it is no web URL and may hold a secret)";

    /// <summary>True for an API version such as <c>66.0</c>.</summary>
    public static bool IsApiVersion(string? text) =>
        text is { Length: >= 4 and <= 5 } && text[^2] == '.' && char.IsAsciiDigit(text[^1])
        && int.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major >= 20;

    /// <summary>Adds a parse-time URL check to an option.</summary>
    public static void AcceptUrlsOnly(this Option<string> option) => option.Validators.Add(r =>
    {
        if (r.Tokens.Count > 0 && !TryUrl(r.Tokens[0].Value, out _, out var error))
        {
            r.AddError($"{option.Name}: {error}");
        }
    });

    /// <summary>Accepts only <paramref name="values"/> (ignoring case); the error names the option and the choices.</summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && !values.Contains(r.Tokens[0].Value, StringComparer.OrdinalIgnoreCase))
            {
                r.AddError($"{option.Name}: '{r.Tokens[0].Value}' is not one of {string.Join(", ", values)}.");
            }
        });
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>The <c>--api auto|1|2</c> option of the commands that act on jobs by id.</summary>
    /// <param name="jobs">How the description names the jobs: "job belongs" or "jobs belong".</param>
    public static Option<string> Api(string jobs) => new Option<string>("--api")
    {
        Description = $"Which Bulk API the {jobs} to: auto (try 1.0, then 2.0), 1 or 2.",
        HelpName = "auto|1|2",
        DefaultValueFactory = _ => "auto",
    }.OneOf("auto", "1", "2");

    /// <summary>The <see cref="BulkApi"/> an <see cref="Api"/> value names.</summary>
    public static BulkApi ToBulkApi(string? value) => value switch { "1" => BulkApi.V1, "2" => BulkApi.V2, _ => BulkApi.Auto };

    /// <summary>The value of <paramref name="text"/> among <paramref name="values"/>, spelled as there.</summary>
    public static string? Canonical(string? text, params string[] values) =>
        text is null ? null : values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a parse-time API version check to an option.</summary>
    public static void AcceptApiVersionsOnly(this Option<string> option) => option.Validators.Add(r =>
    {
        if (r.Tokens.Count > 0 && !IsApiVersion(r.Tokens[0].Value))
        {
            r.AddError($"{option.Name}: '{r.Tokens[0].Value}' is not an API version such as 66.0.");
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
                if (token.Value != JobIdList.FromStandardInput && !SfBulk.JobId.TryNormalize(token.Value, out _, out var error))
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

    /// <summary>A duration option (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>; a bare number is milliseconds).</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the duration is for.</param>
    /// <param name="maximum">The longest accepted value; null accepts up to <see cref="DurationParser.Maximum"/>.</param>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan? maximum = null) => new(name)
    {
        Description = description + " Units: ms, s, m, h, d (a bare number is milliseconds).",
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
                if (!SfBulk.JobId.TryNormalize(token.Value, out _, out var error))
                {
                    r.AddError(error);
                }
            }
        });
        return argument;
    }
}
