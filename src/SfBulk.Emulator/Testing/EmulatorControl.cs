using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SfBulk.Emulator;

/// <summary>
/// The typed test API of a running emulator (<see cref="EmulatorServer.Control"/>): seed jobs, inject faults, read and
/// reset the request counters, expire sessions and move the clock. It calls the control surface under
/// <c>/_emulator</c> with the emulator's control token, so a test never writes raw control requests.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await EmulatorServer.StartAsync();
/// var jobId = (await emulator.Control.SeedClassicJobsAsync(new ClassicJobSeed { Age = TimeSpan.FromDays(2) }))[0];
/// await emulator.Control.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1UpdateJob) with { Count = 1 });
/// // ... run the code under test against emulator.BaseUri ...
/// var calls = await emulator.Control.GetRequestCountsAsync();
/// </code>
/// </example>
public sealed class EmulatorControl : IDisposable
{
    private readonly HttpClient _http;
    private readonly EmulatorServer _server;

    internal EmulatorControl(EmulatorServer server)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = new Uri(server.BaseUri, "_emulator/") };
        _http.DefaultRequestHeaders.Add(EmulatorServer.ControlTokenHeader, server.ControlToken);
    }

    /// <summary>Creates Bulk API 1.0 jobs (open, aged, closed, aborted, failed, with running batches, PK-chunked).</summary>
    /// <param name="seed">What to create.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The 18-character ids of the new jobs, in creation order.</returns>
    /// <exception cref="EmulatorControlException">The emulator refused the seed (for example an unknown state, or a full org).</exception>
    public async Task<IReadOnlyList<string>> SeedClassicJobsAsync(ClassicJobSeed seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var body = Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", seed.Count);
            json.WriteString("object", seed.Object);
            json.WriteString("operation", seed.Operation);
            json.WriteString("state", seed.State);
            json.WriteString("contentType", seed.ContentType);
            json.WriteString("concurrencyMode", seed.ConcurrencyMode);
            json.WriteString("apiVersion", seed.ApiVersion);
            if (seed.CreatedBy is not null)
            {
                json.WriteString("createdBy", seed.CreatedBy);
            }

            json.WriteNumber("ageSeconds", seed.Age.TotalSeconds);
            json.WriteNumber("batches", seed.Batches);
            json.WriteNumber("recordsPerBatch", seed.RecordsPerBatch);
            json.WriteNumber("failedRecordsPerBatch", seed.FailedRecordsPerBatch);
            if (seed.Soql is not null)
            {
                json.WriteString("soql", seed.Soql);
            }

            if (seed.PkChunking is { } chunking)
            {
                json.WriteStartObject("pkChunking");
                json.WriteNumber("chunkSize", chunking.ChunkSize);
                json.WriteEndObject();
                if (chunking.Chunks is { } chunks)
                {
                    json.WriteNumber("chunks", chunks);
                }

                if (chunking.ChunkDuration is { } duration)
                {
                    json.WriteNumber("chunkDurationSeconds", duration.TotalSeconds);
                }

                json.WriteStartArray("failChunks");
                foreach (var chunk in chunking.FailChunks)
                {
                    json.WriteNumberValue(chunk);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });
        return ReadIds(await SendAsync(HttpMethod.Post, "jobs/classic", body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Creates Bulk API 2.0 ingest or query jobs in a given state.</summary>
    /// <param name="seed">What to create.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The 18-character ids of the new jobs, in creation order.</returns>
    /// <exception cref="EmulatorControlException">The emulator refused the seed.</exception>
    public async Task<IReadOnlyList<string>> SeedBulkV2JobsAsync(BulkV2JobSeed seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var body = Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", seed.Count);
            json.WriteString("kind", seed.Kind == BulkV2JobKind.Query ? "V2Query" : "V2Ingest");
            json.WriteString("object", seed.Object);
            if (seed.Operation is not null)
            {
                json.WriteString("operation", seed.Operation);
            }

            if (seed.State is not null)
            {
                json.WriteString("state", seed.State);
            }

            if (seed.CreatedBy is not null)
            {
                json.WriteString("createdBy", seed.CreatedBy);
            }

            json.WriteNumber("ageSeconds", (long)seed.Age.TotalSeconds);
            json.WriteString("apiVersion", seed.ApiVersion);
            json.WriteEndObject();
        });
        return ReadIds(await SendAsync(HttpMethod.Post, "jobs/v2", body, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds a fault rule; rules are checked in the order they were added.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The rule's id, for <see cref="RemoveFaultAsync"/>.</returns>
    /// <exception cref="EmulatorControlException">The emulator refused the rule (for example an unknown route).</exception>
    public async Task<string> AddFaultAsync(EmulatorFault fault, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var body = Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("route", fault.Route);
            json.WriteString("kind", fault.Kind);
            WriteOptional(json, "status", fault.HttpStatus);
            WriteOptional(json, "latencyMs", fault.Latency is { } latency ? (long)latency.TotalMilliseconds : null);
            WriteOptional(json, "count", fault.Count);
            WriteOptional(json, "every", fault.Every);
            WriteOptional(json, "burst", fault.Burst);
            WriteOptional(json, "seed", fault.Seed);
            WriteOptional(json, "retryAfterSeconds", fault.RetryAfterSeconds);
            if (fault.Rate is { } rate)
            {
                json.WriteNumber("rate", rate);
            }

            if (fault.ErrorCode is not null)
            {
                json.WriteString("errorCode", fault.ErrorCode);
            }

            if (fault.Message is not null)
            {
                json.WriteString("message", fault.Message);
            }

            json.WriteEndObject();
        });
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Post, "faults", body, cancellationToken).ConfigureAwait(false));
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Removes one fault rule.</summary>
    /// <param name="id">The id <see cref="AddFaultAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="EmulatorControlException">No rule has this id.</exception>
    public async Task RemoveFaultAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await SendAsync(HttpMethod.Delete, "faults/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every fault rule.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Delete, "faults", null, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the API request counters.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The total and the count per route.</returns>
    public async Task<EmulatorRequestCounts> GetRequestCountsAsync(CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Get, "requests", null, cancellationToken).ConfigureAwait(false));
        var routes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var route in document.RootElement.GetProperty("routes").EnumerateObject())
        {
            routes[route.Name] = route.Value.GetInt64();
        }

        return new EmulatorRequestCounts(document.RootElement.GetProperty("total").GetInt64(), routes);
    }

    /// <summary>Sets every request counter back to zero.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task ResetRequestCountsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Delete, "requests", null, cancellationToken).ConfigureAwait(false);

    /// <summary>Expires every session of the org (the next API call gets Salesforce's invalid-session answer).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many sessions expired.</returns>
    public async Task<int> ExpireSessionsAsync(CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Post, "sessions/expire", null, cancellationToken).ConfigureAwait(false));
        return document.RootElement.GetProperty("expired").GetInt32();
    }

    /// <summary>Moves the emulator's clock forward: batches progress, jobs age, idle sessions expire.</summary>
    /// <param name="delta">How far (zero or more).</param>
    public void AdvanceClock(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _server.Clock.Advance(delta);
    }

    /// <summary>Makes emulated time run <paramref name="scale"/> times as fast as real time (60: a minute per second).</summary>
    /// <param name="scale">Emulated seconds per real second, above 0 and at most 100,000.</param>
    public void SetTimeScale(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scale, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 100_000);
        _server.Clock.SetScale(scale);
    }

    /// <summary>Releases the HTTP client; <see cref="EmulatorServer.DisposeAsync"/> calls it.</summary>
    public void Dispose() => _http.Dispose();

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static string[] ReadIds(string body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(id => id.GetString()!)];
    }

    private async Task<string> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new EmulatorControlException(string.Create(CultureInfo.InvariantCulture, $"The emulator refused {method} /_emulator/{path} ({(int)response.StatusCode}): {ErrorText(text)}"));
        }

        return text;
    }

    /// <summary>The <c>error</c> (control) or <c>message</c> (Bulk 2.0 seed) of an error body, else the body itself.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString()!;
            }

            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
