using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Hosting;

public sealed class EmulatorServerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public void StartAsync_PortZero_BindsLoopbackWithRealPort()
    {
        Assert.Equal("127.0.0.1", fixture.Emulator.BaseUri.Host);
        Assert.NotEqual(0, fixture.Emulator.BaseUri.Port);
    }

    [Fact]
    public void ListeningLine_HasDocumentedShape()
    {
        var line = EmulatorBanner.ListeningLine(fixture.Emulator);
        Assert.Matches(@"^Emulator listening on http://127\.0\.0\.1:\d+$", line);
    }

    [Fact]
    public void Clock_FollowsFakeTimeAndAdvances()
    {
        var before = fixture.Emulator.Clock.GetUtcNow();
        fixture.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(before + TimeSpan.FromMinutes(5), fixture.Emulator.Clock.GetUtcNow());
    }
}
