using SfBulk.Emulator.State;
using SfBulk.Emulator.Time;

namespace SfBulk.Emulator.Tests.State;

/// <summary>The creation-order index behind Get All Jobs pages.</summary>
public sealed class OrgStateTests
{
    [Fact]
    public void JobsAfter_JobsAddedOutOfTurn_ComeBackInCreationOrderWithoutDeletedOnes()
    {
        var state = NewState();
        var jobs = Enumerable.Range(0, 6).Select(_ => NewJob(state)).ToList();
        foreach (var i in new[] { 0, 2, 1, 5, 3, 4 })
        {
            state.AddJob(jobs[i]);
        }

        jobs[3].Deleted = true;

        Assert.Equal([jobs[0], jobs[1], jobs[2], jobs[4], jobs[5]], state.JobsAfter(0, _ => true, 100));
        Assert.Equal([jobs[2], jobs[4]], state.JobsAfter(jobs[1].Sequence, _ => true, 2));
        Assert.Equal([jobs[5]], state.JobsAfter(jobs[0].Sequence, j => j.Object == "Lead", 100));
        Assert.Empty(state.JobsAfter(jobs[5].Sequence, _ => true, 100));
    }

    [Fact]
    public void AddJob_SameJobTwice_Throws()
    {
        var state = NewState();
        var job = NewJob(state);
        state.AddJob(job);

        Assert.Throws<InvalidOperationException>(() => state.AddJob(job));
    }

    private static OrgState NewState()
    {
        var options = new EmulatorOptions();
        return new OrgState(options, new EmulatorClock(TimeProvider.System));
    }

    private static EmulatedJob NewJob(OrgState state)
    {
        var id = state.NewJobId(out var sequence);
        return new EmulatedJob(id, JobKind.Classic, state.Now, "Open")
        {
            Sequence = sequence,
            Operation = "insert",
            Object = sequence == 6 ? "Lead" : "Account",
            CreatedById = state.DefaultUser.Id,
            ApiVersion = "66.0",
        };
    }
}
