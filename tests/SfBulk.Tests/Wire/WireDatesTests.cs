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

    [Theory]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("2023-02-29T10:00:00.000Z")]
    [InlineData("2009-04-14T24:00:00.000Z")]
    [InlineData("2009-04-14T18:60:00.000Z")]
    [InlineData("2009-04-14T18:15:60.000Z")]
    [InlineData("0000-01-01T00:00:00.000Z")]
    [InlineData("0001-01-01T00:00:00.000+0100")]
    [InlineData("9999-12-31T23:59:59.999-0100")]
    [InlineData("2009-04-14T18:15:59.000+1401")]
    [InlineData("2009-04-14T18:15:59.000+0560")]
    [InlineData("2009-04-14T18:15:59.000-1400")]
    [InlineData("2009-04-14T18:15:59.0a0Z")]
    [InlineData("2009-04-14T18:15:59.000z")]
    [InlineData("2009-04-14 18:15:59.000Z")]
    [InlineData("2009-04-14T18:15:59.000*0000")]
    [InlineData(" 2009-04-14T18:15:59.000Z")]
    public void TryParseCanonical_EdgeCases_AgreesWithTheGeneralParser(string text)
    {
        var general = WireDates.TryParseAnyForm(text, out var expected);

        Assert.Equal(general, WireDates.TryParse(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(expected.Offset, value.Offset);
        if (WireDates.TryParseCanonical(text, out var fast))
        {
            Assert.True(general);
            Assert.Equal(expected.UtcTicks, fast.UtcTicks);
            Assert.Equal(expected.Offset, fast.Offset);
        }
    }

    [Fact]
    public void TryParseCanonical_RandomInstantsInBothForms_SameAsTheGeneralParser()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var instant = new DateTimeOffset(new DateTime(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var local = instant.ToOffset(offset);
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            foreach (var text in (string[])[WireDates.ToXml(instant), local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + sign + offset.Duration().ToString("hhmm", System.Globalization.CultureInfo.InvariantCulture)])
            {
                Assert.True(WireDates.TryParseCanonical(text, out var fast), text);
                Assert.True(WireDates.TryParseAnyForm(text, out var general), text);
                Assert.Equal(general.UtcTicks, fast.UtcTicks);
                Assert.Equal(general.Offset, fast.Offset);
            }
        }
    }

    [Fact]
    public void ToXmlAndToJson_Instant_UseSalesforceForms()
    {
        var value = new DateTimeOffset(2015, 11, 19, 3, 45, 3, TimeSpan.FromHours(2));

        Assert.Equal("2015-11-19T01:45:03.000Z", WireDates.ToXml(value));
        Assert.Equal("2015-11-19T01:45:03.000+0000", WireDates.ToJson(value));
    }
}
