namespace SfBulk.Emulator;

/// <summary>The API requests the emulator counted (control requests are never counted), per route.</summary>
public sealed class EmulatorRequestCounts
{
    internal EmulatorRequestCounts(long total, IReadOnlyDictionary<string, long> routes)
    {
        Total = total;
        Routes = routes;
    }

    /// <summary>Every API request since start or the last reset, logins included.</summary>
    public long Total { get; }

    /// <summary>Requests per route key (<c>METHOD /pattern</c>, see <see cref="EmulatorRoutes"/>); routes never called are left out.</summary>
    public IReadOnlyDictionary<string, long> Routes { get; }

    /// <summary>The requests counted on <paramref name="route"/>; 0 when none.</summary>
    /// <param name="route">A route key such as <see cref="EmulatorRoutes.BulkV1GetJob"/>.</param>
    public long this[string route] => Routes.GetValueOrDefault(route);
}
