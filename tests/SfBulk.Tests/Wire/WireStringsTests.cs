using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class WireStringsTests
{
    [Fact]
    public void Share_EqualShortValues_ReturnsOneInstance()
    {
        var first = new string("Opportunity_Line__c".AsSpan());
        var second = new string("Opportunity_Line__c".AsSpan());

        Assert.NotSame(first, second);
        Assert.Same(WireStrings.Share(first), WireStrings.Share(second));
    }

    [Fact]
    public void Share_LongValue_ReturnsItAsItIs()
    {
        var text = new string('q', WireStrings.MaxLength + 1);
        var same = new string('q', WireStrings.MaxLength + 1);

        Assert.Same(text, WireStrings.Share(text));
        Assert.Same(same, WireStrings.Share(same));
    }

    [Fact]
    public void Share_Null_ReturnsNull() => Assert.Null(WireStrings.Share(null));
}
