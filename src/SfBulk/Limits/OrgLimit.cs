namespace SfBulk.Limits;

/// <summary>One allocation of the org as the REST limits resource reports it (<c>{"Max":N,"Remaining":N}</c>).</summary>
/// <param name="Name">Salesforce's name, e.g. <c>DailyBulkApiBatches</c>.</param>
/// <param name="Max">The allocation.</param>
/// <param name="Remaining">What is left of it.</param>
public sealed record OrgLimit(string Name, long Max, long Remaining)
{
    /// <summary>What has been used: <see cref="Max"/> − <see cref="Remaining"/>, never below zero.</summary>
    public long Used => Math.Max(0, Max - Remaining);

    /// <summary>The share used, 0 to 1 (1 for an allocation of 0).</summary>
    public double ShareUsed => Max <= 0 ? 1 : Math.Clamp((double)Used / Max, 0, 1);
}
