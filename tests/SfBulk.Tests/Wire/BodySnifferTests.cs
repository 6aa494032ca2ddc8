using System.Text;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class BodySnifferTests
{
    [Theory]
    [InlineData("", null, "Empty")]
    [InlineData("  \r\n", null, "Empty")]
    [InlineData("<?xml version=\"1.0\"?><jobInfo/>", null, "Xml")]
    [InlineData("\ufeff<jobInfo/>", null, "Xml")]
    [InlineData(" {\"a\":1}", null, "Json")]
    [InlineData("[{\"errorCode\":\"X\"}]", null, "Json")]
    [InlineData("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><HTML>", null, "Html")]
    [InlineData("<html><head></head></html>", null, "Html")]
    [InlineData("<p>hi</p>", "text/html; charset=utf-8", "Html")]
    [InlineData("<!-- maintenance --><HtMl lang=\"en\">", null, "Html")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE html><p/>", null, "Html")]
    [InlineData("<jobInfo><object>htmlPage__c</object></jobInfo>", null, "Xml")]
    [InlineData("<jobInfo><object>x</object></jobInfo><htm", null, "Xml")]
    [InlineData("<jobInfo><object>x</object><!doctype htm", null, "Xml")]
    [InlineData("Service Unavailable", null, "Other")]
    public void Detect_Body_Classifies(string body, string? contentType, string expected)
    {
        Assert.Equal(Enum.Parse<BodyKind>(expected), BodySniffer.Detect(Encoding.UTF8.GetBytes(body), contentType));
    }
}
