using System.Text.Json;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>The body of <c>POST /_emulator/jobs/classic</c>; see <see cref="ClassicJobSeedEndpoints"/>.</summary>
internal sealed class ClassicJobSeedRequest
{
    public int Count { get; private set; } = 1;

    public string Object { get; private set; } = "Account";

    public string Operation { get; private set; } = "insert";

    public string ContentType { get; private set; } = "CSV";

    public string ConcurrencyMode { get; private set; } = "Parallel";

    public string State { get; private set; } = JobStates.Open;

    public string? CreatedBy { get; private set; }

    public double AgeSeconds { get; private set; }

    public string ApiVersion { get; private set; } = "66.0";

    public int Batches { get; private set; }

    public int RecordsPerBatch { get; private set; } = 100;

    public int FailedRecordsPerBatch { get; private set; }

    public string? Soql { get; private set; }

    public PkChunkingSettings? PkChunking { get; private set; }

    public int? Chunks { get; private set; }

    public double? ChunkDurationSeconds { get; private set; }

    public HashSet<int> FailChunks { get; } = [];

    /// <exception cref="FormatException">Malformed body or an unknown property.</exception>
    public static ClassicJobSeedRequest Parse(byte[] body)
    {
        var r = new ClassicJobSeedRequest();
        try
        {
            var reader = new Utf8JsonReader(body);
            if (body.Length == 0)
            {
                return r;
            }

            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a JSON object is expected");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "count": r.Count = reader.GetInt32(); break;
                    case "object": r.Object = reader.GetString()!; break;
                    case "operation": r.Operation = reader.GetString()!; break;
                    case "contentType": r.ContentType = reader.GetString()!; break;
                    case "concurrencyMode": r.ConcurrencyMode = reader.GetString()!; break;
                    case "state": r.State = reader.GetString()!; break;
                    case "createdBy": r.CreatedBy = reader.GetString(); break;
                    case "ageSeconds": r.AgeSeconds = reader.GetDouble(); break;
                    case "apiVersion": r.ApiVersion = reader.GetString()!; break;
                    case "batches": r.Batches = reader.GetInt32(); break;
                    case "recordsPerBatch": r.RecordsPerBatch = reader.GetInt32(); break;
                    case "failedRecordsPerBatch": r.FailedRecordsPerBatch = reader.GetInt32(); break;
                    case "soql": r.Soql = reader.GetString(); break;
                    case "chunks": r.Chunks = reader.GetInt32(); break;
                    case "chunkDurationSeconds": r.ChunkDurationSeconds = reader.GetDouble(); break;
                    case "failChunks":
                        Expect(reader.TokenType == JsonTokenType.StartArray, "failChunks must be an array");
                        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                        {
                            r.FailChunks.Add(reader.GetInt32());
                        }

                        break;
                    case "pkChunking": r.PkChunking = ReadChunking(ref reader); break;
                    default: throw new FormatException("Unknown property: " + name);
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException(e.Message, e);
        }

        r.Validate();
        return r;
    }

    private static PkChunkingSettings? ReadChunking(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.True)
        {
            return new PkChunkingSettings(PkChunkingSettings.DefaultChunkSize, null, null);
        }

        if (reader.TokenType is JsonTokenType.False or JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartObject, "pkChunking must be true, false or an object");
        int size = PkChunkingSettings.DefaultChunkSize;
        string? parent = null, startRow = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "chunkSize": size = reader.GetInt32(); break;
                case "parent": parent = reader.GetString(); break;
                case "startRow": startRow = reader.GetString(); break;
                default: throw new FormatException("Unknown pkChunking property: " + name);
            }
        }

        Expect(size is >= 1 and <= PkChunkingSettings.MaxChunkSize, "chunkSize must be from 1 to 250000");
        return new PkChunkingSettings(size, parent, startRow);
    }

    private void Validate()
    {
        Expect(Count is >= 1 and <= 100_000, "count must be from 1 to 100000");
        Expect(AgeSeconds >= 0, "ageSeconds must not be negative");
        Expect(State is JobStates.Open or JobStates.Closed or JobStates.Aborted or JobStates.Failed, "state must be Open, Closed, Aborted or Failed");
        Expect(Wire.IsJobContentType(ContentType), "contentType must be CSV, XML, JSON or ZIP_*");
        Expect(ConcurrencyMode is "Parallel" or "Serial", "concurrencyMode must be Parallel or Serial");
        Expect(Operation is "insert" or "update" or "upsert" or "delete" or "hardDelete" or "query" or "queryAll", "unknown operation");
        Expect(Batches is >= 0 and <= 1_000 && RecordsPerBatch >= 0 && FailedRecordsPerBatch >= 0 && FailedRecordsPerBatch <= RecordsPerBatch, "bad batch counts");
        Expect(Chunks is null or (>= 1 and <= 100_000), "chunks must be from 1 to 100000");
        Expect(ChunkDurationSeconds is null or >= 0, "chunkDurationSeconds must not be negative");
        Expect(PkChunking is null || Operation is "query" or "queryAll", "pkChunking needs a query operation");
        Expect(ApiVersion.Length > 2 && double.TryParse(ApiVersion, System.Globalization.CultureInfo.InvariantCulture, out _) && ApiVersion.Contains('.', StringComparison.Ordinal), "apiVersion looks like 66.0");
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new FormatException(message);
        }
    }
}
