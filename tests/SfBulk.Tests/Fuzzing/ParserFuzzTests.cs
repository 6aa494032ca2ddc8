using System.Globalization;

namespace SfBulk.Tests.Fuzzing;

/// <summary>
/// Mutated valid responses (jobInfo, batchInfo, errors, Get All Jobs pages, SOAP and OAuth answers, Salesforce CLI
/// output, activity input) fed to every parser: each input must give a result or the parser's typed refusal —
/// never another exception, never a slow call. The suite runs a short fixed-seed run; the long run is explicit.
/// </summary>
public sealed class ParserFuzzTests
{
    /// <summary>Set <c>SFBULK_FUZZ_SEED</c> to replay a run; <c>SFBULK_FUZZ_DOCUMENTS</c> to change the long run's size.</summary>
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

    [Fact(Explicit = true)]
    public void EveryParser_MutatedResponsesLongRun_ResultOrTypedRefusalOnly()
    {
        var seed = SeedOr(Environment.TickCount);
        var documents = long.TryParse(Environment.GetEnvironmentVariable("SFBULK_FUZZ_DOCUMENTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 100_000;

        var run = FuzzRun.Execute(seed, documents, TimeSpan.FromSeconds(2));

        TestContext.Current.TestOutputHelper?.WriteLine(run.Summary(seed));
        Console.WriteLine(run.Summary(seed));
        Assert.True(run.Failures.Count == 0, run.Summary(seed) + "\n" + string.Join("\n", run.Failures));
        Assert.True(run.Documents >= 100_000 || documents < 100_000);
    }
}
