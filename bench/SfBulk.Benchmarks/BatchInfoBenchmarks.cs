using System.Text;
using BenchmarkDotNet.Attributes;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Benchmarks;

/// <summary>Parsing one BatchInfo and a batch list of 1,000 batches (a large PK-chunked query), XML and JSON.</summary>
[MemoryDiagnoser]
public class BatchInfoBenchmarks
{
    private readonly byte[] _xml = Encoding.UTF8.GetBytes(Payloads.BatchInfoXml);
    private readonly byte[] _json = Encoding.UTF8.GetBytes(Payloads.BatchInfoJson);
    private readonly byte[] _listXml = Payloads.BatchListXml(1_000);
    private readonly byte[] _listJson = Payloads.BatchListJson(1_000);

    [Benchmark]
    public BatchInfo ParseXml() => BatchInfoWire.Parse(_xml);

    [Benchmark]
    public BatchInfo ParseJson() => BatchInfoWire.Parse(_json);

    [Benchmark]
    public IReadOnlyList<BatchInfo> ParseList1000Xml() => BatchInfoWire.ParseList(_listXml);

    [Benchmark]
    public IReadOnlyList<BatchInfo> ParseList1000Json() => BatchInfoWire.ParseList(_listJson);
}
