using System.Collections.Frozen;

namespace SfBulk.Emulator.Data;

/// <summary>What the emulated org knows about sObjects: key prefixes and PK chunking support.</summary>
internal static class ObjectCatalog
{
    private static readonly FrozenDictionary<string, string> KeyPrefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = "001",
        ["Contact"] = "003",
        ["User"] = "005",
        ["Opportunity"] = "006",
        ["Task"] = "00T",
        ["Event"] = "00U",
        ["Lead"] = "00Q",
        ["CampaignMember"] = "00v",
        ["EmailMessage"] = "02s",
        ["Asset"] = "02i",
        ["Case"] = "500",
        ["Campaign"] = "701",
        ["Order"] = "801",
        ["Product2"] = "01t",
        ["LoginHistory"] = "0Ya",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Standard objects that support PK chunking: the doc's list (as of release 222.0, which adds CaseArticle,
    /// CaseHistory, EventRelation, WorkOrder and WorkOrderLineItem to the original ones) plus Order and Product2. Custom objects
    /// always do; sharing and history objects do when their parent does. Anything else (EmailMessage, for
    /// example, in this emulator) makes chunking fail, which is the documented outcome for unsupported objects.
    /// </summary>
    private static readonly FrozenSet<string> Chunkable = new[]
    {
        "Account", "Asset", "Campaign", "CampaignMember", "Case", "CaseArticle", "CaseHistory", "Contact", "Event",
        "EventRelation", "Lead", "LoginHistory", "Opportunity", "Order", "Product2", "Task", "User", "WorkOrder",
        "WorkOrderLineItem",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The 3-character key prefix of records of <paramref name="objectName"/>.</summary>
    public static string KeyPrefix(string objectName) =>
        KeyPrefixes.TryGetValue(objectName, out var prefix) ? prefix : objectName.EndsWith("__c", StringComparison.OrdinalIgnoreCase) ? "a01" : "a0Z";

    /// <summary>Whether PK chunking works on <paramref name="objectName"/> (optionally chunked by <paramref name="parent"/>).</summary>
    public static bool SupportsPkChunking(string objectName, string? parent)
    {
        if (parent is not null)
        {
            return SupportsPkChunking(parent, null);
        }

        if (objectName.EndsWith("__c", StringComparison.OrdinalIgnoreCase) || Chunkable.Contains(objectName))
        {
            return true;
        }

        if (objectName.EndsWith("__Share", StringComparison.OrdinalIgnoreCase) || objectName.EndsWith("__History", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["Share", "History"])
        {
            if (objectName.Length > suffix.Length && objectName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return Chunkable.Contains(objectName[..^suffix.Length]);
            }
        }

        return false;
    }
}
