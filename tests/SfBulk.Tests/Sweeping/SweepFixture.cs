using SfBulk.Tests.Watching;

namespace SfBulk.Tests.Sweeping;

/// <summary>A mixed org: open and finished jobs of both APIs, two users, old and new, PK-chunked running and done.</summary>
internal static class SweepFixture
{
    public const string OtherUser = "integration@sfbulk.test";
    public const int OpenJobs = 12;

    public static async Task SeedAsync(TestEmulator h)
    {
        const int twoDays = 2 * 86_400;
        await h.SeedClassicAsync(new { count = 3, @object = "Account", operation = "insert", ageSeconds = twoDays });
        await h.SeedClassicAsync(new { count = 2, @object = "Contact", operation = "update", ageSeconds = 3600 });
        await h.SeedClassicAsync(new { count = 2, @object = "Account", operation = "insert", ageSeconds = twoDays, createdBy = OtherUser });
        await h.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 2, ["chunkDurationSeconds"] = 1, ["ageSeconds"] = 3600 });
        await h.SeedClassicAsync(new Dictionary<string, object> { ["operation"] = "query", ["pkChunking"] = true, ["chunks"] = 40, ["chunkDurationSeconds"] = 30 });
        await h.SeedClassicAsync(new { count = 2, state = "Closed", ageSeconds = twoDays });
        await h.SeedV2Async(new { count = 2, kind = "V2Ingest", state = "Open", ageSeconds = twoDays });
        await h.SeedV2Async(new { kind = "V2Ingest", state = "JobComplete" });
        await h.SeedV2Async(new { kind = "V2Query", state = "InProgress" });
    }
}
