using SfBulk.Cli.Tests.Infrastructure;

namespace SfBulk.Cli.Tests.BadInput;

/// <summary>Activity documents (<c>sfbulk run</c>) with missing, extra or hostile content, in JSON and in XML.</summary>
public sealed class ActivityDocumentExitCodeTests(CliEmulator emulator) : IClassFixture<CliEmulator>
{
    [Theory]
    [InlineData("input.json", """{"CloseJobOptional":{"timeout":5000}}""", "job id is empty")]
    [InlineData("input.xml", "<CloseJobInput><CloseJob><state>Closed</state></CloseJob></CloseJobInput>", "job id is empty")]
    [InlineData("input.json", """{"CloseJob":{"jobId":"750R0000000zlh9IAA"},"CloseJobOptional":{"timeout":9223372036854775807}}""", "maximum of 49 days")]
    [InlineData("input.xml", "<!DOCTYPE i [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><i><CloseJob><jobId>&e;</jobId></CloseJob></i>", "not well-formed XML")]
    [InlineData("input.json", """{"CloseJobConnection":{"ServerUrl":"/services/Soap/u/64.0","SessionId":"00DCANARY000000!AQ4AQCanarySession9d1e"},"CloseJob":{"jobId":"750R0000000zlh9IAA"}}""", "ServerUrl")]
    public async Task Run_MissingOrHostileContent_ExitsTwoWithFaultDocument(string name, string content, string message)
    {
        using var dir = new TempConfig();
        var input = Path.Combine(dir.Directory, name);
        await File.WriteAllTextAsync(input, content, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["run", "--input", input, "--instance-url", emulator.Url, "--session-id", Canaries.SessionId]);

        CliAssert.ExitCode(2, result);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.StdOut + result.StdErr, StringComparison.Ordinal);
        CliAssert.Clean(result);
    }

    [Theory]
    [InlineData("input.json")]
    [InlineData("input.xml")]
    public async Task Run_ExtraFieldsEverywhere_ClosesTheJob(string name)
    {
        using var dir = new TempConfig();
        var id = await emulator.OpenJobAsync();
        var session = await emulator.LoginAsync();
        var content = name.EndsWith(".json", StringComparison.Ordinal)
            ? $$$"""
                {"CloseJobConnection":{"ServerUrl":"{{{emulator.Url}}}","SessionId":"{{{session}}}","ExternalSessionIdUsed":true,"Proxy":"none"},
                 "CloseJob":{"jobId":"{{{id}}}","state":"Closed","reason":"cleanup","tags":["a","b"]},"Trace":{"id":1}}
                """
            : $"""
                <CloseJobInput xmlns:x="urn:extra" x:version="2"><Note>extra</Note>
                  <CloseJobConnection><ServerUrl>{emulator.Url}</ServerUrl><SessionId>{session}</SessionId><ExternalSessionIdUsed>true</ExternalSessionIdUsed><x:Proxy/></CloseJobConnection>
                  <CloseJob priority="high"><jobId>{id}</jobId><state>Closed</state><reason>cleanup</reason></CloseJob>
                </CloseJobInput>
                """;
        var input = Path.Combine(dir.Directory, name);
        await File.WriteAllTextAsync(input, content, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(["run", "--input", input]);

        CliAssert.ExitCode(0, result);
        Assert.Contains("Closed", result.StdOut, StringComparison.Ordinal);
        CliAssert.Clean(result, session);
    }
}
