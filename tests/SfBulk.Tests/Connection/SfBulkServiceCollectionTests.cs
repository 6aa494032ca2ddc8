using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SfBulk.Connection;

namespace SfBulk.Tests.Connection;

public sealed class SfBulkServiceCollectionTests
{
    [Fact]
    public async Task AddSfBulk_ConnectionFromConfiguration_SendsThroughHttpClientFactory()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SfBulk:Connections:emu:LoginUrl"] = emulator.BaseUri.ToString(),
            ["SfBulk:Connections:emu:ClientId"] = emulator.Options.ClientId,
            ["SfBulk:Connections:emu:ClientSecret"] = emulator.Options.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSfBulk(o => o.UseEnvironmentVariables = false);
        await using var provider = services.BuildServiceProvider();

        var connection = provider.GetRequiredService<SalesforceConnection>();
        var response = await connection.SendAsync(JobRequests.ListV2Jobs(), TestContext.Current.CancellationToken);

        Assert.Equal("emu", connection.Name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Same(connection, provider.GetRequiredService<SalesforceConnectionRegistry>().Get("emu"));
    }

    [Fact]
    public async Task AddSfBulk_ConnectionInCode_WinsOverConfiguration()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var services = new ServiceCollection();
        services.AddSfBulk(o =>
        {
            o.UseEnvironmentVariables = false;
            o.AddConnection(emulator.ConnectionOptions(emulator.ClientCredentials(), SalesforceConnectionRegistry.DefaultName));
        });
        await using var provider = services.BuildServiceProvider();

        var instance = await provider.GetRequiredService<SalesforceConnection>().ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(emulator.BaseUri, instance);
    }

    [Fact]
    public async Task AddSfBulk_NothingConfigured_ResolvingConnectionThrowsNotFound()
    {
        var services = new ServiceCollection();
        services.AddSfBulk(o => o.UseEnvironmentVariables = false);
        await using var provider = services.BuildServiceProvider();

        Assert.Throws<SalesforceConnectionNotFoundException>(() => provider.GetRequiredService<SalesforceConnection>());
    }
}
