namespace SfBulk.Tests;

/// <summary>
/// Keeps the explicit (long, measured) tests out of a mutation run. Stryker's Microsoft Testing Platform runner runs
/// <c>[Fact(Explicit = true)]</c> tests while it measures coverage; a long run then times out and spoils every
/// mutant's list of covering tests. <c>eng/mutation.sh</c> sets <see cref="MutationRunVariable"/>.
/// </summary>
internal static class ExplicitTests
{
    /// <summary>The environment variable that marks a mutation run.</summary>
    public const string MutationRunVariable = "SFBULK_MUTATION_RUN";

    /// <summary>Skips the calling explicit test during a mutation run.</summary>
    public static void SkipDuringMutationRun() =>
        Assert.SkipWhen(
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MutationRunVariable)),
            "Explicit test: not run during a mutation run (" + MutationRunVariable + " is set).");
}
