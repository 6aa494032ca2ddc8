using SfBulk.Jobs;

namespace SfBulk.Tests.Validation;

public class JobIdTests
{
    [Theory]
    [InlineData("750D0000000002lIAA", "750D0000000002lIAA")]
    [InlineData("750R0000000zlh9IAA", "750R0000000zlh9IAA")]
    [InlineData("750x0000000005LAAQ", "750x0000000005LAAQ")]
    [InlineData("750D00000004T5OIAU", "750D00000004T5OIAU")]
    [InlineData("750xx000000000GAAQ", "750xx000000000GAAQ")]
    [InlineData("750D0000000002l", "750D0000000002lIAA")]
    [InlineData("750x00000000014", "750x00000000014AAA")]
    [InlineData("750D0000000002liaa", "750D0000000002lIAA")]
    public void TryNormalize_DocJobIds_Returns18CharacterForm(string value, string expected)
    {
        Assert.True(JobId.TryNormalize(value, out var id, out var error), error);
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("750D0000000002lI", "16 characters")]
    [InlineData("750D000000-002lIAA", "only the letters")]
    [InlineData("750D0000000002lIAB", "checksum")]
    [InlineData("751D0000000004rIAA", "batch id")]
    [InlineData("751D00000004YjwIAE", "batch id")]
    [InlineData("005D0000001ALVFIA4", "start with 750")]
    [InlineData("005xx000001SyhGAAS", "start with 750")]
    [InlineData("707D000000000AA", "Apex job")]
    [InlineData("752D000000000AA", "query result")]
    public void TryNormalize_NotAJobId_ExplainsWhy(string? value, string mention)
    {
        Assert.False(JobId.TryNormalize(value, out var id, out var error));
        Assert.Null(id);
        Assert.Contains(mention, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_Invalid_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => JobId.Normalize("751D0000000004rIAA"));
    }
}
