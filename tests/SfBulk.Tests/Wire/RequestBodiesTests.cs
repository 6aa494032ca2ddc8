using System.Text;
using SfBulk.Models;
using SfBulk.Wire;

namespace SfBulk.Tests.Wire;

public class RequestBodiesTests
{
    [Fact]
    public void V1Xml_Closed_IsTheDocBodyByteForByte()
    {
        Assert.Equal(Fixture.Bytes("close-job-request.xml"), RequestBodies.V1Xml(BulkJobState.Closed));
    }

    [Fact]
    public void V1Xml_Aborted_HoldsOnlyStateInNamespace()
    {
        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(RequestBodies.V1Xml(BulkJobState.Aborted)));

        Assert.Equal("{http://www.force.com/2009/06/asyncapi/dataload}jobInfo", doc.Root!.Name.ToString());
        var state = Assert.Single(doc.Root.Elements());
        Assert.Equal("{http://www.force.com/2009/06/asyncapi/dataload}state", state.Name.ToString());
        Assert.Equal("Aborted", state.Value);
    }

    [Theory]
    [InlineData("Closed", "{\"state\":\"Closed\"}")]
    [InlineData("Aborted", "{\"state\":\"Aborted\"}")]
    public void V1Json_State_IsStateOnlyObject(string state, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(RequestBodies.V1Json(new BulkJobState(state))));
    }

    [Theory]
    [InlineData("UploadComplete", "{\"state\":\"UploadComplete\"}")]
    [InlineData("Aborted", "{\"state\":\"Aborted\"}")]
    public void V2Patch_State_IsStateOnlyObject(string state, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(RequestBodies.V2Patch(new BulkJobState(state))));
    }
}
