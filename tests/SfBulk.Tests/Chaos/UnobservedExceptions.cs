namespace SfBulk.Tests.Chaos;

/// <summary>Collects exceptions of faulted tasks nobody awaited (process-wide; chaos tests run alone).</summary>
internal sealed class UnobservedExceptions : IDisposable
{
    private readonly List<Exception> _seen = [];

    public UnobservedExceptions() => TaskScheduler.UnobservedTaskException += OnUnobserved;

    /// <summary>Forces finalization of abandoned tasks, then returns what they left unobserved.</summary>
    public IReadOnlyList<Exception> Collect()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        lock (_seen)
        {
            return [.. _seen];
        }
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        lock (_seen)
        {
            _seen.Add(e.Exception);
        }
    }
}
