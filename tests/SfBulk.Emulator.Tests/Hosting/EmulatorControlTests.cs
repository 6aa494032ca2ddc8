using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SfBulk.Emulator.Control;
using SfBulk.Emulator.Tests.Infrastructure;

namespace SfBulk.Emulator.Tests.Hosting;

/// <summary>The typed test API (<see cref="EmulatorServer.Control"/>) over the control surface.</summary>
public sealed class EmulatorControlTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeedClassicJobs_OpenAgedJobs_CreatesThemWithTheirAge()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var now = env.Server.Clock.GetUtcNow();

        var ids = await env.Server.Control.SeedClassicJobsAsync(new ClassicJobSeed { Count = 3, Age = TimeSpan.FromHours(25), Batches = 2 }, Cancel);

        Assert.Equal(3, ids.Count);
        var job = env.Server.State.FindJob(ids[0])!;
        Assert.Equal("Open", job.StateAt(env.Server.Clock.GetUtcNow()));
        Assert.Equal(now - TimeSpan.FromHours(25), job.CreatedDate);
        Assert.Equal(2, job.Batches.Count);
    }

    [Fact]
    public async Task SeedClassicJobs_PkChunkedQuery_AddsOriginalAndChunkBatches()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var ids = await env.Server.Control.SeedClassicJobsAsync(new ClassicJobSeed
        {
            Operation = "query",
            PkChunking = new PkChunkingSeed { ChunkSize = 1000, Chunks = 4, ChunkDuration = TimeSpan.FromSeconds(30), FailChunks = [2] },
        }, Cancel);

        var job = env.Server.State.FindJob(ids[0])!;
        Assert.Equal(5, job.Batches.Count);
        Assert.Single(job.Batches, b => b.IsPkChunkingOriginal);
    }

    [Fact]
    public async Task SeedClassicJobs_BadState_ThrowsWithTheEmulatorsReason()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var e = await Assert.ThrowsAsync<EmulatorControlException>(() => env.Server.Control.SeedClassicJobsAsync(new ClassicJobSeed { State = "Sleeping" }, Cancel));

        Assert.Contains("state must be Open, Closed, Aborted or Failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedBulkV2Jobs_QueryJobs_CreatesThemInTheState()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);

        var ids = await env.Server.Control.SeedBulkV2JobsAsync(new BulkV2JobSeed { Count = 2, Kind = BulkV2JobKind.Query, State = "InProgress", Age = TimeSpan.FromMinutes(5) }, Cancel);

        Assert.Equal(2, ids.Count);
        var job = env.Server.State.FindJob(ids[1])!;
        Assert.Equal("InProgress", job.StateAt(env.Server.Clock.GetUtcNow()));
        Assert.Equal(SfBulk.Emulator.State.JobKind.V2Query, job.Kind);
    }

    [Fact]
    public async Task AddFault_StatusOnceOnJobRead_FiresOnceAndIsCounted()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var jobId = (await env.Server.Control.SeedClassicJobsAsync(new ClassicJobSeed(), Cancel))[0];
        await env.Server.Control.ResetRequestCountsAsync(Cancel);

        var id = await env.Server.Control.AddFaultAsync(EmulatorFault.Status(503, EmulatorRoutes.BulkV1GetJob) with { Count = 1, ErrorCode = "Busy" }, Cancel);
        var first = await RawApi.GetV1JobAsync(env.Http, token, jobId);
        var second = await RawApi.GetV1JobAsync(env.Http, token, jobId);
        var counts = await env.Server.Control.GetRequestCountsAsync(Cancel);
        await env.Server.Control.RemoveFaultAsync(id, Cancel);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Contains("Busy", first.Body, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, second.Status);
        Assert.Equal(2, counts[EmulatorRoutes.BulkV1GetJob]);
        Assert.Equal(2, counts.Total);
        await Assert.ThrowsAsync<EmulatorControlException>(() => env.Server.Control.RemoveFaultAsync(id, Cancel));
    }

    [Fact]
    public async Task AddFault_UnknownRoute_Throws()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        await Assert.ThrowsAsync<EmulatorControlException>(() => env.Server.Control.AddFaultAsync(EmulatorFault.DropBefore("GET /nowhere"), Cancel));
    }

    [Fact]
    public async Task Routes_EveryConstant_IsAnApiRouteOfTheEmulator()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var known = ApiRoutes.Known(env.Server.Services.GetRequiredService<EndpointDataSource>());
        foreach (var field in typeof(EmulatorRoutes).GetFields().Where(f => f.IsLiteral))
        {
            var route = (string)field.GetRawConstantValue()!;
            Assert.True(route == EmulatorRoutes.Any || known.Contains(route), $"{field.Name}: {route} is not a route of the emulator");
        }
    }

    [Fact]
    public async Task ExpireSessionsAndClock_ExpireTheSessionAndMoveTime()
    {
        await using var env = await TestEmulator.StartAsync(SharedEmulator.Settings);
        var token = await env.LoginAsync();
        var before = env.Server.Clock.GetUtcNow();

        var expired = await env.Server.Control.ExpireSessionsAsync(Cancel);
        env.Server.Control.AdvanceClock(TimeSpan.FromMinutes(5));

        Assert.Equal(1, expired);
        Assert.Null(env.Server.State.Sessions.Validate(token));
        Assert.Equal(before + TimeSpan.FromMinutes(5), env.Server.Clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Server.Control.AdvanceClock(TimeSpan.FromSeconds(-1)));
    }
}
