using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Hosting;

public sealed class EmulatorServerTests(SharedEmulator fixture) : IClassFixture<SharedEmulator>
{
    [Fact]
    public void StartAsync_PortZero_BindsLoopbackWithRealPort()
    {
        Assert.Equal("127.0.0.1", fixture.Server.BaseUri.Host);
        Assert.NotEqual(0, fixture.Server.BaseUri.Port);
    }

    [Fact]
    public void ListeningLine_HasDocumentedShape()
    {
        var line = EmulatorBanner.ListeningLine(fixture.Server);
        Assert.Matches(@"^Emulator listening on http://127\.0\.0\.1:\d+$", line);
    }

    [Fact]
    public void Clock_FollowsFakeTimeAndAdvances()
    {
        var before = fixture.Server.Clock.GetUtcNow();
        fixture.Server.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(before + TimeSpan.FromMinutes(5), fixture.Server.Clock.GetUtcNow());
    }
}
