using SfBulk.Cli.Infrastructure;

namespace SfBulk.Cli.Tests.Infrastructure;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("0", 0)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10m", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("7d", 604_800_000)]
    [InlineData(" 2H ", 7_200_000)]
    public void TryParse_ValidDuration_ReturnsMilliseconds(string text, long expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var duration, out var error), error);
        Assert.Equal(expectedMs, (long)duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-5s", "not a duration")]
    [InlineData("abc", "not a duration")]
    [InlineData("10y", "unknown unit 'y'")]
    [InlineData("9999d", "maximum")]
    [InlineData("30", "'30' has no unit: add a unit: 30s or 30000ms")]
    [InlineData("1500", "add a unit: 1500s or 1500000ms")]
    public void TryParse_InvalidDuration_ExplainsWhy(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
