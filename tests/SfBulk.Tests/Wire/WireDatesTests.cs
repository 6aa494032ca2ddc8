using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class WireDatesTests
{
    [Theory]
    [InlineData("2009-04-14T18:15:59.000Z")]
    [InlineData("2009-04-14T18:15:59.000+0000")]
    [InlineData("2009-04-14T18:15:59.000+00:00")]
    [InlineData("2009-04-14T18:15:59Z")]
    [InlineData("2009-04-14T20:15:59.000+0200")]
    [InlineData("2009-04-14T18:15:59.000")]
    public void TryParse_SalesforceForms_SameInstant(string text)
    {
        Assert.True(WireDates.TryParse(text, out var value));
        Assert.Equal(new DateTimeOffset(2009, 4, 14, 18, 15, 59, TimeSpan.Zero), value.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("14/04/2009")]
    [InlineData("2009-13-14T18:15:59.000Z")]
    public void TryParse_Garbage_False(string text)
    {
        Assert.False(WireDates.TryParse(text, out _));
    }

    [Fact]
    public void ToXmlAndToJson_Instant_UseSalesforceForms()
    {
        var value = new DateTimeOffset(2015, 11, 19, 3, 45, 3, TimeSpan.FromHours(2));

        Assert.Equal("2015-11-19T01:45:03.000Z", WireDates.ToXml(value));
        Assert.Equal("2015-11-19T01:45:03.000+0000", WireDates.ToJson(value));
    }
}
