using System.Text;
using SfBulk.Http;
using SfBulk.Models;
using SfBulk.Tests.Connection;
using SfBulk.Wire;

namespace SfBulk.Tests.Jobs;

/// <summary>The emulator, a logged-in connection and a client with instant retries; helpers that create jobs.</summary>
internal sealed class JobsHarness : IAsyncDisposable
{
    public const string V1CloseRoute = "POST /services/async/{version}/job/{jobId}";
    public const string V2PatchRoute = "PATCH /services/data/v{version}/jobs/ingest/{jobId}";

    private JobsHarness(EmulatorHarness emulator, SalesforceConnection connection, BulkJobClient client)
    {
        Emulator = emulator;
        Connection = connection;
        Client = client;
    }

    public EmulatorHarness Emulator { get; }

    public SalesforceConnection Connection { get; }

    public BulkJobClient Client { get; }

    public static async Task<JobsHarness> StartAsync(Action<BulkJobClientOptions>? configure = null, Action<SfBulk.Emulator.EmulatorOptions>? emulator = null)
    {
        var emulatorHarness = await EmulatorHarness.StartAsync(emulator);
        var connection = new SalesforceConnection(emulatorHarness.ConnectionOptions(emulatorHarness.ClientCredentials()));
        var options = new BulkJobClientOptions { CloseRetryDelay = TimeSpan.Zero, TimeProvider = emulatorHarness.Time };
        configure?.Invoke(options);
        return new JobsHarness(emulatorHarness, connection, new BulkJobClient(connection, options));
    }

    public async Task<JobInfo> CreateV1JobAsync(string contentType = "CSV", string operation = "insert")
    {
        var body = contentType == "JSON"
            ? Encoding.UTF8.GetBytes($"{{\"operation\":\"{operation}\",\"object\":\"Account\",\"contentType\":\"JSON\"}}")
            : Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\"{WireXml.Namespace}\"><operation>{operation}</operation><object>Account</object><contentType>{contentType}</contentType></jobInfo>");
        var request = new ApiRequest(
            HttpMethod.Post,
            "services/async/66.0/job",
            ApiFamily.BulkV1,
            body,
            contentType == "JSON" ? RequestBodies.JsonContentType : RequestBodies.XmlContentType);
        return await SendForJobAsync(request);
    }

    public Task<JobInfo> CreateV2IngestJobAsync() => SendForJobAsync(new ApiRequest(
        HttpMethod.Post,
        "services/data/v66.0/jobs/ingest",
        ApiFamily.Rest,
        "{\"object\":\"Account\",\"operation\":\"insert\",\"contentType\":\"CSV\",\"lineEnding\":\"LF\"}"u8.ToArray(),
        RequestBodies.JsonContentType));

    public Task<JobInfo> CreateV2QueryJobAsync() => SendForJobAsync(new ApiRequest(
        HttpMethod.Post,
        "services/data/v66.0/jobs/query",
        ApiFamily.Rest,
        "{\"operation\":\"query\",\"query\":\"SELECT Id FROM Account\"}"u8.ToArray(),
        RequestBodies.JsonContentType));

    /// <summary>Uploads CSV rows to a 2.0 ingest job (<c>PUT …/batches</c>).</summary>
    public async Task UploadAsync(string jobId, string csv = "Name\nAcme\n")
    {
        var response = await Connection.SendAsync(
            new ApiRequest(HttpMethod.Put, "services/data/v66.0/jobs/ingest/" + jobId + "/batches", ApiFamily.Rest, Encoding.UTF8.GetBytes(csv), "text/csv"),
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccess, Encoding.UTF8.GetString(response.Body));
    }

    public Task AddFaultAsync(string route, string kind, int? status = null, int count = 1, int latencyMs = 0) =>
        Emulator.AddFaultAsync(
            $"{{\"route\":\"{route}\",\"kind\":\"{kind}\",\"count\":{count}"
            + (status is null ? string.Empty : $",\"status\":{status}")
            + (latencyMs == 0 ? string.Empty : $",\"latencyMs\":{latencyMs}") + "}");

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Emulator.DisposeAsync();
    }

    private async Task<JobInfo> SendForJobAsync(ApiRequest request)
    {
        var response = await Connection.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccess, Encoding.UTF8.GetString(response.Body));
        return JobInfoWire.Parse(response.Body, response);
    }
}
