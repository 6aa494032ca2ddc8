using BenchmarkDotNet.Running;
using SfBulk.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(JobInfoBenchmarks).Assembly).Run(args, new WireBenchmarkConfig());
