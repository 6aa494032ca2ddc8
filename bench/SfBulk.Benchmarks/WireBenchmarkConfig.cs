using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;

namespace SfBulk.Benchmarks;

/// <summary>
/// A short job (one launch, 3 warm-ups, 8 iterations) with allocation figures: the whole suite runs in a few minutes
/// on a shared machine; the error column says how much to trust each mean.
/// </summary>
public sealed class WireBenchmarkConfig : ManualConfig
{
    public WireBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddExporter(MarkdownExporter.GitHub);
        AddExporter(JsonExporter.Brief);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
