namespace SfBulk.Watching;

/// <summary>
/// Decides when to poll a watched job next, spending as few API calls as the wanted precision allows.
/// </summary>
/// <remarks>
/// <para>Nothing finished yet (or a Bulk 2.0 job, which has no batch counts): pauses grow by half from
/// <see cref="WatchOptions.InitialInterval"/> up to <see cref="WatchOptions.MaxInterval"/>.</para>
/// <para>Once batches have finished, the job's counters give the mean batch time <c>d</c> (<c>totalProcessingTime</c>
/// over completed batches) and the parallelism <c>s</c> (the most batches seen running, or the completed-batch
/// throughput times <c>d</c>). With <c>p</c> batches pending the work ends no sooner than <c>(ceil(p/s) − 1)·d</c>
/// from now, so the watcher sleeps 90 % of that (capped): few polls while much is left, none past the end.</para>
/// <para>When only the last batches are running the watcher reads the batch list once: their start times plus
/// <c>d</c> predict the end, the next poll lands just after it, and if the job is still running then, polls follow
/// every <see cref="WatchOptions.FinishInterval"/>, growing by half each miss.</para>
/// </remarks>
internal sealed class PollPlanner
{
    private const double Growth = 1.5;
    private const double WaveSafety = 0.9;

    /// <summary>Salesforce stamps whole seconds: a batch stamped 10:00:05 started up to a second later.</summary>
    private static readonly TimeSpan PredictionGrace = TimeSpan.FromMilliseconds(1250);

    private readonly WatchOptions _options;
    private readonly Random _random;
    private int _slots = 1;
    private int _idle;
    private int _tailMisses;
    private DateTimeOffset? _tailPrediction;

    public PollPlanner(WatchOptions options)
    {
        _options = options;
        _random = options.JitterSeed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>The mean time a batch of the job takes, as the last planned read showed it; null until a batch has finished.</summary>
    public TimeSpan? BatchTime { get; private set; }

    /// <summary>When the pending batches are expected to finish; null until there is progress to tell from.</summary>
    public DateTimeOffset? EstimatedFinish { get; private set; }

    /// <summary>True when only the last batches are running and their start times (one batch-list read) would pin the end.</summary>
    public bool WantsBatchStarts(JobInfo job, DateTimeOffset now) =>
        _tailPrediction is null && job.NumberBatchesQueued == 0 && job.NumberBatchesInProgress > 0 && BatchDuration(job, now) is not null;

    /// <summary>Predicts the end from the running batches' start times (their <c>systemModstamp</c>) plus the mean batch time.</summary>
    public void UseBatchStarts(JobInfo job, IReadOnlyList<BatchInfo> batches, DateTimeOffset now)
    {
        if (BatchDuration(job, now) is not { } d)
        {
            return;
        }

        var end = now;
        foreach (var batch in batches)
        {
            // A running batch started before now, so it ends by now + d at the latest; the cap keeps a Salesforce
            // clock ahead of the local one (its stamps in the local future) from stretching the wait.
            var expected = batch.State == BatchState.InProgress ? Min(batch.SystemModstamp + d, now + d)
                : batch.State == BatchState.Queued ? now + d
                : end;
            end = expected > end ? expected : end;
        }

        _tailPrediction = end;
        _tailMisses = 0;
    }

    /// <summary>The pause before the next poll of <paramref name="job"/>, read at <paramref name="now"/> and still running.</summary>
    public TimeSpan NextDelay(JobInfo job, bool hasBatchCounts, DateTimeOffset now)
    {
        var pending = job.NumberBatchesQueued + job.NumberBatchesInProgress;
        var d = hasBatchCounts ? BatchDuration(job, now) : null;
        BatchTime = d ?? BatchTime;
        if (!hasBatchCounts || pending == 0 || d is null)
        {
            EstimatedFinish = null;
            return Shorten(Grow(_options.InitialInterval, _idle++));
        }

        _slots = Math.Max(_slots, Math.Max(job.NumberBatchesInProgress, ObservedParallelism(job, d.Value, now)));
        if (_tailPrediction is { } predicted)
        {
            EstimatedFinish = predicted;
            if (predicted + PredictionGrace > now)
            {
                return Clamp(predicted + PredictionGrace - now, TimeSpan.FromMilliseconds(1));
            }

            return Grow(_options.FinishInterval, _tailMisses++);
        }

        var waves = (pending + _slots - 1) / _slots;
        EstimatedFinish = now + (d.Value * (waves - 0.5));
        return waves >= 2
            ? Shorten(Clamp(d.Value * ((waves - 1) * WaveSafety), _options.FinishInterval))
            : Clamp(d.Value / 4, _options.FinishInterval);
    }

    /// <summary>The pause after a poll that failed: grows from the finish interval.</summary>
    public TimeSpan AfterFailure(int failures) => Grow(_options.FinishInterval, failures);

    /// <summary>Mean processing time of a completed batch; falls back to elapsed time per finished batch.</summary>
    private static TimeSpan? BatchDuration(JobInfo job, DateTimeOffset now)
    {
        if (job.NumberBatchesCompleted > 0 && job.TotalProcessingTime > 0)
        {
            return TimeSpan.FromMilliseconds((double)job.TotalProcessingTime / job.NumberBatchesCompleted);
        }

        var finished = job.NumberBatchesCompleted + job.NumberBatchesFailed;
        var elapsed = now - job.CreatedDate;
        return finished > 0 && elapsed > TimeSpan.Zero
            ? elapsed * Math.Max(1, job.NumberBatchesInProgress) / finished
            : null;
    }

    /// <summary>Finished batches per second since the job was created, times the mean batch time.</summary>
    private static int ObservedParallelism(JobInfo job, TimeSpan d, DateTimeOffset now)
    {
        var elapsed = (now - job.CreatedDate).TotalSeconds;
        var finished = job.NumberBatchesCompleted + job.NumberBatchesFailed;
        return elapsed > 0 ? (int)Math.Round(finished / elapsed * d.TotalSeconds) : 0;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private TimeSpan Grow(TimeSpan first, int steps) => Clamp(first * Math.Pow(Growth, Math.Min(steps, 30)), first);

    private TimeSpan Clamp(TimeSpan value, TimeSpan min)
    {
        var max = _options.MaxInterval;
        return value < min ? min : value > max ? max : value;
    }

    private TimeSpan Shorten(TimeSpan delay) =>
        _options.Jitter > 0 && delay > _options.FinishInterval ? delay * (1 - (_options.Jitter * _random.NextDouble())) : delay;
}
