using System.Globalization;
using SfBulk.Emulator.Control;
using SfBulk.Emulator.State;

namespace SfBulk.Emulator.Allocations;

/// <summary>
/// Charges every API request to <c>DailyApiRequests</c>, refuses requests once it is spent, and adds
/// <c>Sforce-Limit-Info: api-usage=N/M</c> to REST answers (everything under <c>/services/data</c>, Bulk 2.0 included).
/// </summary>
/// <remarks>
/// Logins (SOAP <c>login()</c>, the OAuth token endpoint) and the control surface are not API requests and are not
/// charged. A spent allocation answers REST with 403 <c>REQUEST_LIMIT_EXCEEDED</c> (REST status table) and Bulk 1.0 with
/// 400 <c>ExceededQuota</c> (wsc's quota code; how Salesforce words it there is unverified); a refused request is not
/// charged. Runs after request counting and faults, so a faulted request is neither charged nor refused here.
/// </remarks>
internal static class AllocationMiddleware
{
    public const string HeaderName = "Sforce-Limit-Info";

    private static readonly FaultRuleSpec Refusal = new("*", FaultKind.RequestLimitExceeded, 0, null, null, null, 0, 0, null, null, null);

    public static WebApplication UseOrgAllocations(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<OrgState>();
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (context.GetEndpoint() is not RouteEndpoint || ApiRoutes.IsControlPath(path) || IsLogin(path))
            {
                return next(context);
            }

            var fits = state.Allocations.TryCharge(AllocationNames.DailyApiRequests, 1, out var usage);
            if (path.StartsWithSegments("/services/data", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[HeaderName] = Format(usage.Used, usage.Max);
            }

            return fits ? next(context) : FaultResponses.WriteRequestLimitAsync(context, ApiDialects.Of(context, state), Refusal);
        });
        return app;
    }

    /// <summary><c>api-usage=18/5000</c>.</summary>
    public static string Format(long used, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"api-usage={used}/{max}");

    private static bool IsLogin(PathString path) =>
        path.StartsWithSegments("/services/Soap", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/services/oauth2", StringComparison.OrdinalIgnoreCase);
}
