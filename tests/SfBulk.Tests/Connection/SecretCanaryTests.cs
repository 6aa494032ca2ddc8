using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SfBulk.Authentication;
using SfBulk.Connection;

namespace SfBulk.Tests.Connection;

/// <summary>Recognizable secrets must never show up in logs, exception texts, ToString() or trace tags.</summary>
public sealed class SecretCanaryTests
{
    private const string Canary = "CANARY7Q";

    [Fact]
    public async Task AllFlows_CanarySecrets_NeverInLogsExceptionsOrDescriptions()
    {
        var texts = new List<string>();
        var tags = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "SfBulk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                foreach (var tag in a.TagObjects)
                {
                    tags.Enqueue(tag.Key + "=" + tag.Value);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new CapturingLoggerFactory();
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Password = Canary + "-password";
            o.SecurityToken = Canary + "TOKEN";
            o.ClientSecret = Canary + "-client-secret";
        });
        var jobId = await emulator.OpenJobAsync();

        async Task Run(SalesforceCredential credential, bool expectFailure = false)
        {
            texts.Add(credential.ToString());
            using var connection = new SalesforceConnection(emulator.ConnectionOptions(credential), logs);
            texts.Add(connection.ToString());
            try
            {
                await connection.SendAsync(JobRequests.GetV1Job(jobId), ct);
                var session = await connection.GetSessionAsync(null, ct);
                texts.Add(session.ToString());
                await emulator.ExpireAllSessionsAsync();
                await connection.SendAsync(JobRequests.ListV2Jobs(), ct);
                Assert.False(expectFailure);
                var fresh = await connection.GetSessionAsync(null, ct);
                Assert.DoesNotContain(session.AccessToken, logs.AllText, StringComparison.Ordinal);
                Assert.DoesNotContain(fresh.AccessToken, logs.AllText, StringComparison.Ordinal);
            }
            catch (SalesforceException ex) when (expectFailure)
            {
                texts.Add(ex.ToString());
            }
        }

        var o = emulator.Options;
        await Run(new SoapLoginCredential(o.Username, o.Password, o.SecurityToken));
        await Run(new SoapLoginCredential(o.Username, Canary + "-wrong-password", o.SecurityToken), expectFailure: true);
        await Run(new UsernamePasswordCredential(o.ClientId, o.ClientSecret, o.Username, o.Password, o.SecurityToken));
        await Run(new UsernamePasswordCredential(o.ClientId, Canary + "-bad-secret", o.Username, o.Password), expectFailure: true);
        await Run(new ClientCredentialsCredential(o.ClientId, o.ClientSecret));
        await Run(new RefreshTokenCredential(o.ClientId, Canary + "-refresh-token", o.ClientSecret), expectFailure: true);
        await Run(new ExternalSessionCredential(emulator.BaseUri, Canary + "-session-id"), expectFailure: true);

        var settings = new SalesforceConnectionSettings { Username = "u", Password = Canary, ClientSecret = Canary, SessionId = Canary, JwtKey = Canary, RefreshToken = Canary, SecurityToken = Canary };
        texts.Add(settings.ToString());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SfBulk:Connections:broken:AuthMethod"] = "password",
            ["SfBulk:Connections:broken:Password"] = Canary,
        }).Build();
        using var registry = SalesforceConnectionRegistry.Create(config, null, logs, null);
        texts.Add(Assert.Throws<SalesforceConnectionNotFoundException>(() => registry.Get("broken")).ToString());

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("REDACTED", StringComparison.Ordinal));
        foreach (var text in texts.Concat(logs.Lines).Concat(tags))
        {
            Assert.DoesNotContain(Canary, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
