using System.Globalization;

namespace SfBulk.Limits;

/// <summary>
/// Keeps a watch or sweep above its <see cref="ApiFloor"/>: before spending requests it checks the org's remaining
/// daily requests, as the answers' <c>Sforce-Limit-Info</c> headers reported them (no extra call), or as the limits
/// resource reports them when no answer carried the header yet or the last report is older than
/// <see cref="RefreshAfter"/>. Requests being spent by concurrent workers are reserved, so together they cannot pass it.
/// </summary>
internal sealed class ApiFloorGuard
{
    /// <summary>How old a usage report may be before the limits resource is read again (other clients spend too).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);

    private readonly BulkJobClient _client;
    private readonly SalesforceConnection _connection;
    private readonly ApiFloor _floor;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _reserved;

    public ApiFloorGuard(BulkJobClient client, SalesforceConnection connection, ApiFloor floor, TimeProvider time)
    {
        _client = client;
        _connection = connection;
        _floor = floor;
        _time = time;
    }

    /// <summary>The usage the last check saw.</summary>
    public ApiUsage? LastUsage { get; private set; }

    /// <summary>
    /// Reserves <paramref name="requests"/> when spending them leaves the org at or above the floor; false (nothing
    /// reserved) otherwise. Give a reservation back with <see cref="Release"/> once its requests were sent.
    /// </summary>
    public async ValueTask<bool> TryReserveAsync(int requests, CancellationToken cancellationToken)
    {
        var usage = await UsageAsync(cancellationToken).ConfigureAwait(false);
        LastUsage = usage;
        var minimum = _floor.For(usage.Max);
        while (true)
        {
            var reserved = Interlocked.Read(ref _reserved);
            if (usage.Remaining - reserved - requests < minimum)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _reserved, reserved + requests, reserved) == reserved)
            {
                return true;
            }
        }
    }

    /// <summary>True when spending <paramref name="requests"/> now leaves the org at or above the floor (nothing is reserved).</summary>
    public async ValueTask<bool> CanSpendAsync(int requests, CancellationToken cancellationToken)
    {
        if (!await TryReserveAsync(requests, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Release(requests);
        return true;
    }

    /// <summary>Gives back a reservation (its requests are now counted as sent).</summary>
    public void Release(int requests) => Interlocked.Add(ref _reserved, -requests);

    /// <summary>Why the operation stopped: the org's remaining requests and the floor.</summary>
    public string Describe() => LastUsage is { } usage
        ? string.Create(CultureInfo.InvariantCulture, $"the org has {usage.Remaining} of its {usage.Max} daily API requests left and the floor is {_floor} ({_floor.For(usage.Max)} requests)")
        : $"the floor is {_floor}";

    private async ValueTask<ApiUsage> UsageAsync(CancellationToken cancellationToken)
    {
        if (_connection.ApiUsage is { } known && _time.GetUtcNow() - known.ReportedAt < RefreshAfter)
        {
            return known;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection.ApiUsage is { } fresh && _time.GetUtcNow() - fresh.ReportedAt < RefreshAfter)
            {
                return fresh;
            }

            // No answer carried the header (Bulk API 1.0 only) or it is old: one read of the limits resource.
            await _client.GetLimitsAsync(cancellationToken).ConfigureAwait(false);
            return _connection.ApiUsage ?? throw new SalesforceRestException(
                "The org reported no DailyApiRequests allocation, so the floor on remaining API requests cannot be kept. Run without the floor.",
                SfBulkErrorCodes.InvalidResponse,
                null,
                "GET",
                null);
        }
        finally
        {
            _refresh.Release();
        }
    }
}
