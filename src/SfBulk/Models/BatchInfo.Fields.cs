using System.Text.Json;

namespace SfBulk.Models;

/// <summary>The one list of a batch's fields, with Salesforce's names and order, shared by every writer of a <see cref="BatchInfo"/>.</summary>
public sealed partial record BatchInfo
{
    /// <summary>
    /// Writes the batch as JSON properties of the object <paramref name="writer"/> is in: Salesforce's names in
    /// Salesforce's order (<c>id</c>, <c>jobId</c>, <c>state</c>, <c>stateMessage</c>, <c>createdDate</c>, …
    /// <c>apexProcessingTime</c>), numbers unquoted, dates as ISO 8601 UTC with milliseconds
    /// (<c>2026-01-31T12:00:00.000Z</c>); <c>stateMessage</c> is left out when Salesforce sent none.
    /// </summary>
    /// <param name="writer">The writer, inside an object.</param>
    public void WriteJsonProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("id", Id);
        writer.WriteString("jobId", JobId);
        writer.WriteString("state", State.ToString());
        if (StateMessage is { } message)
        {
            writer.WriteString("stateMessage", message);
        }

        writer.WriteString("createdDate", JobInfo.IsoDate(CreatedDate));
        writer.WriteString("systemModstamp", JobInfo.IsoDate(SystemModstamp));
        writer.WriteNumber("numberRecordsProcessed", NumberRecordsProcessed);
        writer.WriteNumber("numberRecordsFailed", NumberRecordsFailed);
        writer.WriteNumber("totalProcessingTime", TotalProcessingTime);
        writer.WriteNumber("apiActiveProcessingTime", ApiActiveProcessingTime);
        writer.WriteNumber("apexProcessingTime", ApexProcessingTime);
    }
}
