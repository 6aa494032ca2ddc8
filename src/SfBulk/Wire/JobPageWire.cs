using System.Text.Json;

namespace SfBulk.Wire;

/// <summary>Reads a Bulk API 2.0 "Get All Jobs" page: <c>{"done":…,"records":[…],"nextRecordsUrl":…}</c>.</summary>
internal static class JobPageWire
{
    public static JobInfoPage Parse(byte[] body, ApiResponse? response = null) =>
        WireJson.Parse(body, "a JSON job list", response, root =>
        {
            if (ApiErrors.TryReadJsonError(root, out var error))
            {
                throw ApiErrors.ToException(error, response);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw WireFailure.InvalidResponse($"expected a job list object but found {WireJson.Kind(root.ValueKind)}", response);
            }

            var records = new List<JobInfo>();
            if (root.TryGetProperty("records", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    var fields = WireJson.ReadFlat(item, "job list record", response);
                    if (fields.String("createdDate") is { } created && !WireDates.TryParse(created, out _))
                    {
                        // One record's unreadable date does not hide the whole list: the job is listed without a
                        // createdDate (default), and a sweep with a minimum age skips it as of unknown age.
                        fields.Set("createdDate", null);
                    }

                    records.Add(JobInfoWire.Map(fields));
                }
            }

            var next = root.TryGetProperty("nextRecordsUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            var done = root.TryGetProperty("done", out var d) ? d.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => next is null,
                _ => throw WireFailure.InvalidResponse($"'done' is {WireJson.Kind(d.ValueKind)}, not true or false", response),
            } : next is null;

            if (!done && string.IsNullOrEmpty(next))
            {
                throw WireFailure.InvalidResponse("the job list says more pages follow ('done' is false) but gives no 'nextRecordsUrl'", response);
            }

            return new JobInfoPage(records, done, done ? null : next);
        });
}
