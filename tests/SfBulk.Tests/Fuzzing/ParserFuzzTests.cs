using System.Globalization;

namespace SfBulk.Tests.Fuzzing;

/// <summary>
/// Mutated valid responses (jobInfo, batchInfo, errors, Get All Jobs pages, SOAP and OAuth answers, Salesforce CLI
/// output, activity input) fed to every parser: each input must give a result or the parser's typed refusal —
/// never another exception, never a slow call. The suite runs a short fixed-seed run; the long run is explicit.
/// </summary>
public sealed class ParserFuzzTests
{
    /// <summary>
    /// Set <c>SFBULK_FUZZ_SEED</c> to replay a run, <c>SFBULK_FUZZ_DOCUMENTS</c> to change the long run's size, and
    /// <c>SFBULK_FUZZ_REPORT</c> to a file that the long run appends its figures to.
    /// </summary>
    private static int SeedOr(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("SFBULK_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : fallback;

    [Fact]
    public void EveryParser_MutatedResponsesShortRun_ResultOrTypedRefusalOnly()
    {
        var seed = SeedOr(20261123);

        var run = FuzzRun.Execute(seed, 3_000, TimeSpan.FromSeconds(2));

        TestContext.Current.TestOutputHelper?.WriteLine(run.Summary(seed));
        Assert.True(run.Failures.Count == 0, run.Summary(seed) + "\n" + string.Join("\n", run.Failures));
        Assert.True(run.Refusals > 0 && run.Refusals < run.ParserCalls, "the inputs should be a mix of accepted and refused documents");
    }

    /// <summary>Inputs the long runs found; kept so that they stay fixed.</summary>
    [Theory]
    [InlineData("PD94bWwgdmVyc2lvbj0iMS4w4oCuIiBlbmNvZGluZz0iVVRGLTgiPz48ZQ==")] // XML declaration whose version holds U+202E: XmlReader threw ArgumentOutOfRangeException.
    [InlineData("W3siZXJyb3JDb2RlIjoiSU5WQUxJRF9TRVNTSU9OX8lEIiwibWVzc2FnZSI6IiZlc3Npb24gZXhwaXJlZCBvciBpbiZhbGlkIn1d")] // invalid UTF-8 in a JSON string: InvalidOperationException.
    [InlineData("W3siZXJyb3JcdWQ4MDBDb2RlIjoiSU5WQUxJRF9RRVNTSU9OX0lEIiwibWVzc2FnZSI6IlNlcw==")] // lone surrogate escape in a JSON name.
    public void EveryParser_InputsFoundByLongRuns_ResultOrTypedRefusalOnly(string base64)
    {
        var input = Convert.FromBase64String(base64);
        foreach (var target in FuzzTargets.All)
        {
            foreach (var status in new[] { System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.NotFound })
            {
                try
                {
                    target.Parse(input, status);
                }
                catch (Exception e) when (target.Refusal is not null && target.Refusal.IsInstanceOfType(e))
                {
                }
            }
        }
    }

    [Fact(Explicit = true)]
    public void EveryParser_MutatedResponsesLongRun_ResultOrTypedRefusalOnly()
    {
        ExplicitTests.SkipDuringMutationRun();
        var seed = SeedOr(Environment.TickCount);
        var documents = long.TryParse(Environment.GetEnvironmentVariable("SFBULK_FUZZ_DOCUMENTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 100_000;

        var run = FuzzRun.Execute(seed, documents, TimeSpan.FromSeconds(2));

        TestContext.Current.TestOutputHelper?.WriteLine(run.Summary(seed));
        if (Environment.GetEnvironmentVariable("SFBULK_FUZZ_REPORT") is { Length: > 0 } report)
        {
            File.AppendAllText(report, run.Summary(seed) + Environment.NewLine);
        }
        Assert.True(run.Failures.Count == 0, run.Summary(seed) + "\n" + string.Join("\n", run.Failures));
        Assert.True(run.Documents >= 100_000 || documents < 100_000);
    }
}
