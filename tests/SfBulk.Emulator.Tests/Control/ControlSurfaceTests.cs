using System.Net;
using SfBulk.Emulator.Tests.Infrastructure;
using static SfBulk.Emulator.Tests.Infrastructure.RawApi;

namespace SfBulk.Emulator.Tests.Control;

public sealed class ControlSurfaceTests
{
    [Fact]
    public async Task Health_Get_ReturnsOk()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/health");
        reply.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json; charset=utf-8", reply.ContentType);
        Assert.Equal("""{"status":"ok"}""", reply.Body);
    }

    [Fact]
    public async Task Org_Get_ListsOrgIdAndUsersWithoutPasswords()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var reply = await SendAsync(env.Http, HttpMethod.Get, "_emulator/org");
        reply.AssertStatus(HttpStatusCode.OK);
        var state = env.Server.State;
        var users = string.Join(",", state.Users.Select(u => $$"""{"id":"{{u.Id}}","username":"{{u.Username}}"}"""));
        Assert.Equal($$"""{"orgId":"{{state.OrgId}}","users":[{{users}}]}""", reply.Body);
        Assert.StartsWith("00D", state.OrgId, StringComparison.Ordinal);
        Assert.Contains("\"username\":\"admin@sfbulk.test\"", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(env.Server.Options.Password, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_Disabled_Returns404()
    {
        await using var host = await TestEmulator.StartAsync(new TestEmulatorOptions { RealClock = true, Emulator = o => o.EnableControlSurface = false });
        var (emulator, http) = (host.Server, host.Http);
        var reply = await SendAsync(http, HttpMethod.Get, "_emulator/health");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
