using SfBulk.Emulator.State;

namespace SfBulk.Emulator.BulkV1;

/// <summary>
/// Puts batches on their timelines (no timers): a batch becomes ready a queue delay after it is created, then waits
/// for one of the job's slots (<see cref="EmulatorOptions.MaxParallelBatches"/>, 1 in Serial mode), runs for its
/// processing time and ends Completed or Failed. Callers hold the job's gate.
/// </summary>
internal static class BatchScheduler
{
    /// <summary>One batch to run: when it is ready, how long it takes, how it ends.</summary>
    public readonly record struct Run(EmulatedBatch Batch, DateTimeOffset ReadyAt, TimeSpan Duration, string EndState);

    public static int Slots(EmulatedJob job, EmulatorOptions options) =>
        string.Equals(job.ConcurrencyMode, "Serial", StringComparison.Ordinal) ? 1 : Math.Max(1, options.MaxParallelBatches);

    /// <summary>
    /// Schedules <paramref name="runs"/> in order on the job's slots, after every batch already scheduled. The
    /// slots' free times are the ends of the latest runs already on the job.
    /// </summary>
    public static void Schedule(EmulatedJob job, EmulatorOptions options, IReadOnlyList<Run> runs, int? slots = null)
    {
        var count = slots ?? Slots(job, options);
        var free = new PriorityQueue<DateTimeOffset, DateTimeOffset>(count);
        foreach (var end in ScheduledEnds(job))
        {
            free.Enqueue(end, end);
            if (free.Count > count)
            {
                free.Dequeue();
            }
        }

        foreach (var run in runs)
        {
            var start = run.ReadyAt;
            if (free.Count >= count)
            {
                var slotFree = free.Dequeue();
                if (slotFree > start)
                {
                    start = slotFree;
                }
            }

            var end = start + run.Duration;
            run.Batch.Timeline.Schedule(start, BatchStates.InProgress);
            run.Batch.Timeline.Schedule(end, run.EndState);
            run.Batch.ProcessingTimeMs = (long)run.Duration.TotalMilliseconds;
            free.Enqueue(end, end);
        }
    }

    /// <summary>
    /// Aborts the job's batches at <paramref name="now"/>: Queued ones become NotProcessed, InProgress ones finish.
    /// A PK-chunking original still splitting becomes NotProcessed and its chunk batches are never created.
    /// </summary>
    public static void Abort(EmulatedJob job, DateTimeOffset now)
    {
        job.Batches.RemoveAll(b => b.CreatedDate > now);
        foreach (var batch in job.Batches)
        {
            var state = batch.Timeline.StateAt(now);
            if (state == BatchStates.Queued || (state == BatchStates.InProgress && batch.IsPkChunkingOriginal))
            {
                batch.Timeline.Interrupt(now, BatchStates.NotProcessed);
            }
        }
    }

    private static IEnumerable<DateTimeOffset> ScheduledEnds(EmulatedJob job)
    {
        foreach (var batch in job.Batches)
        {
            if (batch.IsPkChunkingOriginal || batch.Timeline.WhenEntered(BatchStates.InProgress) is null)
            {
                continue;
            }

            var end = batch.Timeline.WhenEntered(BatchStates.Completed) ?? batch.Timeline.WhenEntered(BatchStates.Failed);
            if (end is { } value)
            {
                yield return value;
            }
        }
    }
}
