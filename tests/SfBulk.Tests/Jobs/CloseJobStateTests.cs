namespace SfBulk.Tests.Jobs;

public class CloseJobStateTests
{
    [Theory]
    [InlineData("Closed", "Closed")]
    [InlineData("closed", "Closed")]
    [InlineData(" ABORTED ", "Aborted")]
    public void Parse_AnyCase_CanonicalOut(string text, string expected)
    {
        Assert.Equal(expected, CloseJobState.Parse(text).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UploadComplete")]
    public void TryParse_Invalid_False(string? text)
    {
        Assert.False(CloseJobState.TryParse(text, out _));
    }

    [Fact]
    public void Default_IsClosed()
    {
        Assert.Equal(CloseJobState.Closed, default);
    }
}
