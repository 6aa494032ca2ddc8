using System.Xml.Linq;
using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.Commands;

public sealed class RunCommandTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    private static string WriteInput(TempConfig dir, string name, string content)
    {
        var path = Path.Combine(dir.Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Run_JsonInputWithSession_WritesOutputDocument()
    {
        using var dir = new TempConfig();
        var id = await emulator.OpenJobAsync();
        var session = await emulator.LoginAsync();
        var input = WriteInput(dir, "input.json", $$$"""
            {"CloseJobConnection":{"ServerUrl":"{{{emulator.Url}}}/services/Soap/u/64.0/00D","SessionId":"{{{session}}}","ExternalSessionIdUsed":true},
             "CloseJob":{"jobId":"{{{id}}}","state":"Aborted"},"CloseJobOptional":{"timeout":30000}}
            """);

        var result = await CliProcess.RunAsync(["run", "--input", input]);

        CliAssert.ExitCode(0, result);
        var output = CliAssert.Json(result).GetProperty("CloseJobResult");
        Assert.Equal(id, output.GetProperty("jobId").GetString());
        Assert.Equal("Aborted", output.GetProperty("state").GetString());
        CliAssert.Clean(result, session);
    }

    [Fact]
    public async Task Run_XmlInputWithNamedConnection_WritesXmlOutputFile()
    {
        using var dir = new TempConfig();
        var add = await CliProcess.RunAsync(["connection", "add", "emu", "--login-url", emulator.Url, "--credential", "soap", "--username", emulator.Username, "--password", "-"], dir.Env(), stdin: Canaries.Password + "\n");
        CliAssert.ExitCode(0, add);
        var id = await emulator.OpenJobAsync();
        var input = WriteInput(dir, "input.xml", $"<CloseJobInput><CloseJob><jobId>{id}</jobId><state>Closed</state></CloseJob></CloseJobInput>");
        var outputFile = Path.Combine(dir.Directory, "output.xml");

        var result = await CliProcess.RunAsync(["run", "--input", input, "--output-file", outputFile, "--connection", "emu"], dir.Env());

        CliAssert.ExitCode(0, result);
        Assert.Equal(string.Empty, result.StdOut);
        var document = XElement.Load(outputFile);
        Assert.Equal("SalesforceCloseJobOutput", document.Name.LocalName);
        Assert.Equal("Closed", document.Element("CloseJobResult")!.Element("state")!.Value);
        Assert.Equal(id, document.Element("CloseJobResult")!.Element("jobId")!.Value);
    }

    [Fact]
    public async Task Run_MissingJob_WritesFaultDocumentAndExitsFive()
    {
        using var dir = new TempConfig();
        var session = await emulator.LoginAsync();
        var input = WriteInput(dir, "input.json", $$$"""{"CloseJobConnection":{"ServerUrl":"{{{emulator.Url}}}","SessionId":"{{{session}}}","ExternalSessionIdUsed":true},"CloseJob":{"jobId":"750R0000000zzzzIAA"}}""");

        var result = await CliProcess.RunAsync(["run", "--input", input]);

        CliAssert.ExitCode(5, result);
        var fault = CliAssert.Json(result).GetProperty("fault");
        Assert.Equal("SalesforceRestException", fault.GetProperty("type").GetString());
        Assert.Equal("InvalidJob", fault.GetProperty("errorCode").GetString());
        CliAssert.Clean(result, session);
    }

    [Fact]
    public async Task Run_NoConnectionAnywhere_WritesConnectionNotFoundFaultAndExitsFour()
    {
        using var dir = new TempConfig();
        var input = WriteInput(dir, "input.xml", "<CloseJobInput><CloseJob><jobId>750R00000000001IAA</jobId></CloseJob></CloseJobInput>");

        var result = await CliProcess.RunAsync(["run", "--input", input], dir.Env());

        CliAssert.ExitCode(4, result);
        Assert.Equal("SalesforceConnectionNotFoundException", XElement.Parse(result.StdOut).Element("type")!.Value);
    }

    [Theory]
    [InlineData("input.json", "{not json", "not valid JSON")]
    [InlineData("input.xml", "<CloseJobInput><CloseJob><jobId>123</jobId></CloseJob></CloseJobInput>", "is not a job id")]
    [InlineData("input.json", """{"CloseJob":{"jobId":"750R00000000001IAA","state":"Deleted"}}""", "state 'Deleted' is not valid")]
    public async Task Run_BadDocument_WritesFaultAndExitsTwo(string name, string content, string message)
    {
        using var dir = new TempConfig();
        var input = WriteInput(dir, name, content);

        var result = await CliProcess.RunAsync(["run", "--input", input, "--instance-url", emulator.Url, "--session-id", "x"]);

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", result.StdOut, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Fact]
    public async Task Run_MissingInputFile_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(["run", "--input", "/nonexistent/input.json"]);

        CliAssert.ExitCode(2, result);
        Assert.Contains("could not be read", result.StdErr, StringComparison.Ordinal);
    }
}
