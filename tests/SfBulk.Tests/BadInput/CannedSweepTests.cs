using SfBulk.Sweeping;
using SfBulk.Tests.Security;

namespace SfBulk.Tests.BadInput;

/// <summary>
/// A sweep against canned answers from a real loopback server (<see cref="CannedServer"/>, fed by a
/// <see cref="CannedOrg"/>): for listings and job reads the emulator never sends.
/// </summary>
public abstract class CannedSweepTests : IAsyncLifetime
{
    private CannedServer _server = null!;
    private SalesforceConnection _connection = null!;

    /// <summary>The jobs and batches the server answers with.</summary>
    protected CannedOrg Org { get; } = new();

    /// <summary>The server, with every request it received.</summary>
    protected CannedServer Server => _server;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _server.Answer = Org.AnswerAsync;
        _connection = CannedConnection.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A sweeper with no wait between close attempts.</summary>
    protected JobSweeper Sweeper() => new(new BulkJobClient(_connection, new BulkJobClientOptions { CloseRetryDelay = TimeSpan.Zero }));

    /// <summary>How many state changes (POST requests) the server received.</summary>
    protected int Closes() => _server.Requests.Count(r => r.Method == "POST");
}
