namespace SfBulk.Limits;

/// <summary>
/// The org's daily API request usage (rolling 24 hours) as sfbulk knows it: the last usage Salesforce reported
/// (<c>Sforce-Limit-Info: api-usage=N/M</c> on a REST answer, or the limits resource) plus the requests this
/// connection sent since.
/// </summary>
/// <param name="Used">Requests used in the last 24 hours, including those sent since the report.</param>
/// <param name="Max">The org's daily allocation.</param>
/// <param name="ReportedAt">When Salesforce last reported the usage.</param>
/// <param name="SentSinceReport">Requests this connection sent after the report (counted in <paramref name="Used"/>).</param>
public sealed record ApiUsage(long Used, long Max, DateTimeOffset ReportedAt, long SentSinceReport)
{
    /// <summary>Requests left; never below zero (an org can overrun its allocation).</summary>
    public long Remaining => Math.Max(0, Max - Used);
}
