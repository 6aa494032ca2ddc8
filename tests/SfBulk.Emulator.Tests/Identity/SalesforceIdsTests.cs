using SfBulk.Emulator.Identity;

namespace SfBulk.Emulator.Tests.Identity;

public class SalesforceIdsTests
{
    // Job ids printed in Salesforce's Bulk API documentation, 15-character form and the 18-character form it shows.
    [Theory]
    [InlineData("750D0000000002l", "750D0000000002lIAA")]
    [InlineData("750R0000000zlh9", "750R0000000zlh9IAA")]
    [InlineData("750x0000000005L", "750x0000000005LAAQ")]
    [InlineData("750D00000004T5O", "750D00000004T5OIAU")]
    [InlineData("750x00000000014", "750x00000000014AAA")]
    public void To18_DocJobIds_AppendsTheirChecksum(string id15, string expected)
    {
        Assert.Equal(expected, SalesforceIds.To18(id15));
    }

    [Theory]
    [InlineData("750D0000000002lIAA", "750D0000000002lIAA")]
    [InlineData("750D0000000002l", "750D0000000002lIAA")]
    public void TryNormalize_ValidId_Returns18CharacterForm(string id, string expected)
    {
        Assert.True(SalesforceIds.TryNormalize(id, out var id18));
        Assert.Equal(expected, id18);
    }

    [Fact]
    public void TryNormalize_WrongChecksum_ReturnsFalse()
    {
        Assert.False(SalesforceIds.TryNormalize("750D0000000002lAAA", out _));
    }
}
