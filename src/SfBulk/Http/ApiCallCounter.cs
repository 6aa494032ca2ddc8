namespace SfBulk.Http;

/// <summary>
/// Counts the API requests one operation (a watch, an org watch, a sweep's plan or execution, one journaled state
/// change) sends, retries, redirects and a login it starts included. The operation owns it and passes it down with its
/// requests (<see cref="BulkJobClient.CountingOn"/>); the transport adds each request it sends. An operation inside
/// another (a journaled close inside a sweep) counts on its own counter and on the enclosing one.
/// </summary>
/// <param name="outer">The enclosing operation's counter, which counts the same requests too; null for none.</param>
internal sealed class ApiCallCounter(ApiCallCounter? outer = null)
{
    private long _count;

    /// <summary>The requests counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counts one request sent, here and on every enclosing counter.</summary>
    public void Add()
    {
        for (var counter = this; counter is not null; counter = counter.Outer)
        {
            Interlocked.Increment(ref counter._count);
        }
    }

    private ApiCallCounter? Outer { get; } = outer;
}
