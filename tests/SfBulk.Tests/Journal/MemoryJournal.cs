using System.Collections.Concurrent;
using SfBulk.Journal;

namespace SfBulk.Tests.Journal;

/// <summary>A journal that keeps entries in memory, for tests of what the client records.</summary>
internal sealed class MemoryJournal : IJobJournal
{
    public ConcurrentQueue<JobJournalEntry> Entries { get; } = new();

    public ValueTask AppendAsync(JobJournalEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return ValueTask.CompletedTask;
    }
}
