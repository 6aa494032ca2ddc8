using System.Globalization;
using System.Text;

namespace SfBulk.Emulator.Fidelity;

/// <summary>What the Bulk API 1.0 route answers for the id of a Bulk API 2.0 job (undocumented).</summary>
public enum V1RouteForV2Job
{
    /// <summary>400 <c>InvalidJob</c>, as for any unknown id (the default: the doc describes InvalidJob as "job ID invalid").</summary>
    InvalidJob = 0,

    /// <summary>The job's JobInfo in the 1.0 shape; a state change is answered 200 with the job unchanged.</summary>
    JobInfo = 1,

    /// <summary>404 with a 1.0 error body.</summary>
    NotFound = 2,
}

/// <summary>What a Bulk API 2.0 <c>PATCH</c> (<c>UploadComplete</c> or <c>Aborted</c>) answers for a job no longer open (undocumented for ingest jobs).</summary>
public enum V2StateChangeRefusal
{
    /// <summary>400 <c>INVALIDJOBSTATE</c> "Closing already UploadComplete Job not allowed" (the default: the doc's query-abort wording).</summary>
    InvalidJobState = 0,

    /// <summary>400 <c>INVALIDJOBSTATE</c> with other words ("Job is in invalid state for this operation").</summary>
    InvalidJobStateOtherWording = 1,

    /// <summary>400 <c>API_ERROR</c> (the code the doc shows for a refused delete).</summary>
    ApiError = 2,
}

/// <summary>The error code of a close by a user other than the job's creator (only the creator may close; the code is undocumented).</summary>
public enum CloseByOtherUser
{
    /// <summary><c>InvalidUser</c> (the default: the doc describes it as "the job or batch belongs to another user").</summary>
    InvalidUser = 0,

    /// <summary><c>InvalidJob</c>.</summary>
    InvalidJob = 1,

    /// <summary><c>InvalidJobState</c>.</summary>
    InvalidJobState = 2,
}

/// <summary>What a Bulk API 2.0 ingest job given two uploads does.</summary>
public enum MultipleUploads
{
    /// <summary><c>UploadComplete</c> answers 400 <c>INVALIDJOB</c> "Found multiple contents for job" (the default: a user report).</summary>
    InvalidJob = 0,

    /// <summary>The uploads are appended and processed together.</summary>
    Append = 1,
}

/// <summary>
/// The answers the emulator gives where Salesforce's documentation is silent, each a named variant (see
/// docs/fidelity.md). Set them per org at start (<see cref="EmulatorOptions.Variants"/>, <c>--variant</c>, or the
/// <c>SFBULK_EMULATOR_VARIANTS</c> environment variable) or later through <c>PUT /_emulator/variants</c>.
/// Text form: <c>v1RouteForV2Job=jobInfo,v2StateChangeRefusal=apiError,closeByOtherUser=invalidJob,multipleUploads=append</c>.
/// </summary>
public sealed record EmulatorVariants
{
    /// <summary>The environment variable read for the defaults of every emulator started in the process.</summary>
    public const string EnvironmentVariable = "SFBULK_EMULATOR_VARIANTS";

    /// <summary>The answer of the 1.0 route for a 2.0 job id.</summary>
    public V1RouteForV2Job V1RouteForV2Job { get; init; }

    /// <summary>The refusal of a 2.0 state change for a job no longer open.</summary>
    public V2StateChangeRefusal V2StateChangeRefusal { get; init; }

    /// <summary>The error code of a close by another user.</summary>
    public CloseByOtherUser CloseByOtherUser { get; init; }

    /// <summary>What two uploads to a 2.0 ingest job do.</summary>
    public MultipleUploads MultipleUploads { get; init; }

    /// <summary>The variant names and their values, in text form.</summary>
    public static IReadOnlyList<(string Name, string[] Values)> Catalogue { get; } =
    [
        ("v1RouteForV2Job", Names<V1RouteForV2Job>()),
        ("v2StateChangeRefusal", Names<V2StateChangeRefusal>()),
        ("closeByOtherUser", Names<CloseByOtherUser>()),
        ("multipleUploads", Names<MultipleUploads>()),
    ];

    /// <summary>The variants named in <see cref="EnvironmentVariable"/>, or the defaults when it is unset.</summary>
    /// <exception cref="FormatException">The variable holds an unknown name or value.</exception>
    public static EmulatorVariants FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } text ? new EmulatorVariants().With(text) : new EmulatorVariants();

    /// <summary>Applies <c>name=value</c> pairs separated by commas (names and values ignore case).</summary>
    /// <param name="text">The pairs, e.g. <c>v1RouteForV2Job=notFound,multipleUploads=append</c>.</param>
    /// <returns>A copy with those variants set.</returns>
    /// <exception cref="FormatException">An unknown name or value.</exception>
    public EmulatorVariants With(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = this;
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{pair}' is not name=value. {Help()}");
            }

            result = result.With(pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        }

        return result;
    }

    /// <summary>Sets one variant by name.</summary>
    /// <param name="name">The variant name, e.g. <c>v1RouteForV2Job</c>.</param>
    /// <param name="value">The value, e.g. <c>jobInfo</c>.</param>
    /// <returns>A copy with the variant set.</returns>
    /// <exception cref="FormatException">An unknown name or value.</exception>
    public EmulatorVariants With(string name, string value) => name.ToUpperInvariant() switch
    {
        "V1ROUTEFORV2JOB" => this with { V1RouteForV2Job = Parse<V1RouteForV2Job>(name, value) },
        "V2STATECHANGEREFUSAL" => this with { V2StateChangeRefusal = Parse<V2StateChangeRefusal>(name, value) },
        "CLOSEBYOTHERUSER" => this with { CloseByOtherUser = Parse<CloseByOtherUser>(name, value) },
        "MULTIPLEUPLOADS" => this with { MultipleUploads = Parse<MultipleUploads>(name, value) },
        _ => throw new FormatException($"Unknown variant '{name}'. {Help()}"),
    };

    /// <summary>The text form of every variant, e.g. <c>v1RouteForV2Job=invalidJob,…</c>.</summary>
    /// <returns>The pairs separated by commas.</returns>
    public override string ToString() =>
        $"v1RouteForV2Job={Camel(V1RouteForV2Job.ToString())},v2StateChangeRefusal={Camel(V2StateChangeRefusal.ToString())},closeByOtherUser={Camel(CloseByOtherUser.ToString())},multipleUploads={Camel(MultipleUploads.ToString())}";

    /// <summary>Lists the names and values.</summary>
    /// <returns>One line of help.</returns>
    public static string Help()
    {
        var sb = new StringBuilder("Variants: ");
        foreach (var (name, values) in Catalogue)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name}={string.Join('|', values)}; ");
        }

        return sb.ToString().TrimEnd(' ', ';') + ".";
    }

    private static T Parse<T>(string name, string value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(value.FirstOrDefault())
            ? parsed
            : throw new FormatException($"'{value}' is not a value of {name}: use {string.Join('|', Names<T>())}.");

    private static string[] Names<T>()
        where T : struct, Enum => [.. Enum.GetNames<T>().Select(Camel)];

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
