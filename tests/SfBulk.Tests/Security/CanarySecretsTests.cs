using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SfBulk.Activity;
using SfBulk.Authentication;
using SfBulk.Models;
using SfBulk.Tests.BadInput;
using SfBulk.Tests.Connection;

namespace SfBulk.Tests.Security;

/// <summary>
/// The shared canary secrets (<see cref="Canaries"/>) go through every login flow, good and bad, and through a
/// session-carrying exchange; every log line (all levels), trace tag, exception text, ToString() and fault document
/// is then scanned for them.
/// </summary>
public sealed class CanarySecretsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryLoginFlow_CanaryPasswordSecretTokenAndKey_NeverInLogsTracesOrExceptions()
    {
        var captured = new List<string>();
        var tags = new ConcurrentQueue<string>();
        using var listener = TagListener(tags);
        var logs = new CapturingLoggerFactory();
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Password = Canaries.Password;
            o.SecurityToken = Canaries.SecurityToken;
            o.ClientSecret = Canaries.ClientSecret;
            o.JwtCertificatePem = CertificateFor(Canaries.PrivateKeyPem);
        });
        var jobId = await emulator.OpenJobAsync();
        var o = emulator.Options;
        var keyFile = Path.Combine(Path.GetTempPath(), "sfbulk-canary-key-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(keyFile, Canaries.PrivateKeyPem, Ct);
        var succeeded = 0;
        try
        {
            SalesforceCredential[] good =
            [
                new SoapLoginCredential(o.Username, Canaries.Password, Canaries.SecurityToken),
                new UsernamePasswordCredential(o.ClientId, Canaries.ClientSecret, o.Username, Canaries.Password, Canaries.SecurityToken),
                new ClientCredentialsCredential(o.ClientId, Canaries.ClientSecret),
                JwtBearerCredential.FromPrivateKey(o.ClientId, o.Username, Canaries.PrivateKeyPem),
                JwtBearerCredential.FromKeyFile(o.ClientId, o.Username, keyFile),
            ];
            SalesforceCredential[] bad =
            [
                new SoapLoginCredential(o.Username, Canaries.Password + "-wrong", Canaries.SecurityToken),
                new UsernamePasswordCredential(o.ClientId, Canaries.ClientSecret + "-wrong", o.Username, Canaries.Password),
                new ClientCredentialsCredential(o.ClientId + "-unknown", Canaries.ClientSecret),
                new RefreshTokenCredential(o.ClientId, Canaries.RefreshToken, Canaries.ClientSecret),
                JwtBearerCredential.FromPrivateKey(o.ClientId, "nobody@example.com", Canaries.PrivateKeyPem),
                new ExternalSessionCredential(emulator.BaseUri, Canaries.SessionId),
            ];
            foreach (var credential in good.Concat(bad))
            {
                captured.Add(credential.ToString()!);
                using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential), logs);
                captured.Add(connection.ToString()!);
                try
                {
                    var client = new BulkJobClient(connection);
                    captured.Add((await client.GetJobAsync(jobId, BulkApi.V1, Ct)).ToString()!);
                    captured.Add((await connection.GetSessionAsync(null, Ct)).ToString());
                    succeeded++;
                }
                catch (SalesforceException e)
                {
                    Assert.Contains(credential, bad);
                    captured.Add(e.ToString());
                    captured.Add(CloseJobDocuments.WriteFaultJson(CloseJobActivity.ToFault(e)));
                    captured.Add(CloseJobDocuments.WriteFaultXml(CloseJobActivity.ToFault(e)));
                }
            }
        }
        finally
        {
            File.Delete(keyFile);
        }

        Assert.Equal(5, succeeded);
        Assert.NotEmpty(logs.Lines);
        Assert.NotEmpty(tags);
        ScanAll(captured.Concat(logs.Lines).Concat(tags));
    }

    [Fact]
    public async Task CanarySessionId_AcceptedByTheServer_NeverInLogsTracesResultsOrFaults()
    {
        var tags = new ConcurrentQueue<string>();
        using var listener = TagListener(tags);
        var logs = new CapturingLoggerFactory();
        await using var server = await CannedServer.StartAsync();
        server.Returns(200, "application/xml", "<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><id>750R0000000zlh9IAA</id><state>Closed</state></jobInfo>");
        using var connection = CannedConnection.Create(server, logs: logs);
        var client = new BulkJobClient(connection);
        var activity = new CloseJobActivity(null);

        var result = await client.CloseJobAsync("750R0000000zlh9IAA", new CloseJobOptions { Api = BulkApi.V1 }, Ct);

        // An abort counts only when the answer shows the job aborted.
        server.Returns(200, "application/xml", "<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><id>750R0000000zlh9IAA</id><state>Aborted</state></jobInfo>");
        var output = await activity.ExecuteAsync(
            new CloseJobInput
            {
                CloseJobConnection = new CloseJobConnection { ServerUrl = server.BaseUri.ToString(), SessionId = Canaries.SessionId, ExternalSessionIdUsed = true },
                CloseJob = new CloseJob { JobId = "750R0000000zlh9IAA", State = "Aborted" },
            },
            Ct);
        server.Returns(401, "application/xml", "<error xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>");
        var expired = await Assert.ThrowsAnyAsync<SalesforceException>(() => client.GetJobAsync("750R0000000zlh9IAA", BulkApi.V1, Ct));

        Assert.All(server.Requests, r => Assert.Contains(Canaries.SessionId, r.Headers, StringComparison.Ordinal));
        ScanAll(
        [
            result.ToString()!, result.Job.ToString()!, connection.ToString()!, expired.ToString(),
            CloseJobDocuments.WriteOutputJson(output), CloseJobDocuments.WriteOutputXml(output),
            CloseJobDocuments.WriteFaultJson(CloseJobActivity.ToFault(expired)),
            new CloseJobConnection { ServerUrl = "https://x.my.salesforce.com", SessionId = Canaries.SessionId }.ToString(),
            .. logs.Lines, .. tags,
        ]);
    }

    private static void ScanAll(IEnumerable<string> texts)
    {
        var n = 0;
        foreach (var text in texts)
        {
            Canaries.AssertAbsent(text, $"captured text #{n++}: {text[..Math.Min(text.Length, 120)]}");
        }

        Assert.True(n > 10, "too little was captured for the scan to mean anything");
    }

    private static ActivityListener TagListener(ConcurrentQueue<string> tags)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "SfBulk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                foreach (var tag in a.TagObjects)
                {
                    tags.Enqueue(tag.Key + "=" + tag.Value);
                }

                tags.Enqueue(a.DisplayName + " " + a.StatusDescription);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string CertificateFor(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var request = new CertificateRequest("CN=sfbulk-canary", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    }
}
