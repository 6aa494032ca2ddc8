namespace SfBulk.Tests.Chaos;

/// <summary>
/// Chaos tests run alone, after the parallel tests: they measure API calls and watch for unobserved task
/// exceptions process-wide, and their short request timeouts must not compete with other tests for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "Chaos";
}
