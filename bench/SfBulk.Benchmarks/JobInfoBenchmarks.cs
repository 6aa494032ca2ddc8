using System.Text;
using BenchmarkDotNet.Attributes;
using SfBulk.Models;
using SfBulk.Testing;
using SfBulk.Wire;

namespace SfBulk.Benchmarks;

/// <summary>Parsing and writing one JobInfo, XML and JSON (the body of every close, abort and poll).</summary>
[MemoryDiagnoser]
public class JobInfoBenchmarks
{
    private readonly byte[] _xml = Encoding.UTF8.GetBytes(Payloads.JobInfoXml);
    private readonly byte[] _json = Encoding.UTF8.GetBytes(Payloads.JobInfoJson);
    private JobInfo _job = null!;

    [GlobalSetup]
    public void Setup() => _job = JobInfoWire.ParseXml(_xml);

    [Benchmark]
    public JobInfo ParseXml() => JobInfoWire.ParseXml(_xml);

    [Benchmark]
    public JobInfo ParseJson() => JobInfoWire.ParseJson(_json);

    [Benchmark]
    public byte[] WriteXml() => JobInfoWriter.ToXml(_job);

    [Benchmark]
    public byte[] WriteJson() => JobInfoWriter.ToJson(_job);

    /// <summary>The request body of a Bulk 1.0 close (what the library writes on the way out).</summary>
    [Benchmark]
    public byte[] WriteCloseRequestXml() => RequestBodies.V1Xml(BulkJobState.Closed);
}
