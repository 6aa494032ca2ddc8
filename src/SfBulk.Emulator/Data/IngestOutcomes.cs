using System.Runtime.CompilerServices;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Data;

/// <summary>The outcome of one record of an ingest batch.</summary>
internal sealed record IngestOutcome(string? Id, bool Success, bool Created, string? StatusCode = null, string? Message = null, string? Field = null);

/// <summary>
/// Decides and remembers per-record outcomes of ingest batches. Rules: an insert or upsert into Account without a
/// Name fails with REQUIRED_FIELD_MISSING; an update or delete without an Id fails with MISSING_ARGUMENT; every
/// other record succeeds (inserts get new ids).
/// </summary>
internal static class IngestOutcomes
{
    private static readonly ConditionalWeakTable<EmulatedBatch, IReadOnlyList<IngestOutcome>> Outcomes = new();

    /// <summary>Evaluates <paramref name="records"/> and stores the outcomes for <paramref name="batch"/>.</summary>
    public static IReadOnlyList<IngestOutcome> Evaluate(EmulatedBatch batch, string operation, string objectName, IReadOnlyList<Dictionary<string, string>> records, Func<string, string> newRecordId)
    {
        var prefix = ObjectCatalog.KeyPrefix(objectName);
        var outcomes = new IngestOutcome[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            outcomes[i] = Decide(operation, objectName, prefix, records[i], newRecordId);
        }

        Outcomes.AddOrUpdate(batch, outcomes);
        return outcomes;
    }

    /// <summary>The stored outcomes; batches seeded without records get <see cref="EmulatedBatch.RecordCount"/> successes.</summary>
    public static IReadOnlyList<IngestOutcome> For(EmulatedBatch batch, string objectName, Func<string, string> newRecordId) =>
        Outcomes.GetValue(batch, b =>
        {
            var prefix = ObjectCatalog.KeyPrefix(objectName);
            var list = new IngestOutcome[b.RecordCount];
            var failed = b.FailedRecordCount;
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = i < failed
                    ? new IngestOutcome(null, false, false, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name")
                    : new IngestOutcome(newRecordId(prefix), true, true);
            }

            return list;
        });

    private static IngestOutcome Decide(string operation, string objectName, string prefix, Dictionary<string, string> record, Func<string, string> newRecordId)
    {
        record.TryGetValue("Id", out var id);
        switch (operation)
        {
            case "insert" or "upsert":
                if (objectName.Equals("Account", StringComparison.OrdinalIgnoreCase)
                    && (!record.TryGetValue("Name", out var name) || string.IsNullOrWhiteSpace(name))
                    && string.IsNullOrEmpty(id))
                {
                    return new IngestOutcome(null, false, false, "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name");
                }

                return string.IsNullOrEmpty(id) ? new IngestOutcome(newRecordId(prefix), true, true) : new IngestOutcome(id, true, false);
            default:
                return string.IsNullOrEmpty(id)
                    ? new IngestOutcome(null, false, false, "MISSING_ARGUMENT", "Id not specified in an " + operation + " call", "Id")
                    : new IngestOutcome(id, true, false);
        }
    }
}
