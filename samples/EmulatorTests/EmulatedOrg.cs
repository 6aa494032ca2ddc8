using SfBulk;
using SfBulk.Authentication;
using SfBulk.Emulator;

namespace EmulatorTests;

/// <summary>An emulated Salesforce org for one test class: started on a free loopback port, stopped at the end.</summary>
public sealed class EmulatedOrg : IAsyncLifetime
{
    public EmulatorServer Emulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>A connection to the emulated org as its default user (OAuth username-password flow).</summary>
    public SalesforceConnection Connect()
    {
        var o = Emulator.Options;
        return new SalesforceConnection(new SalesforceConnectionOptions
        {
            LoginUrl = Emulator.BaseUri,
            Credential = new UsernamePasswordCredential(o.ClientId, o.ClientSecret, o.Username, o.Password, o.SecurityToken),
        });
    }
}
