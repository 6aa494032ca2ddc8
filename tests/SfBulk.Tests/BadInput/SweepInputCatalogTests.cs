using SfBulk.Sweeping;

namespace SfBulk.Tests.BadInput;

/// <summary>Sweep settings that make no sense are refused before any request.</summary>
public sealed class SweepInputCatalogTests : IAsyncLifetime
{
    private CannedServer _server = null!;
    private SalesforceConnection _connection = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await CannedServer.StartAsync();
        _connection = CannedConnection.Create(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Plan_NegativeOlderThan_ThrowsArgumentOutOfRangeBeforeAnyRequest()
    {
        var sweeper = new JobSweeper(new BulkJobClient(_connection));

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sweeper.PlanAsync(new SweepFilter { OlderThan = TimeSpan.FromHours(-1) }, TestContext.Current.CancellationToken));

        Assert.Contains("must not be negative", e.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void Constructor_CompleteUploadsWithAbort_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => new JobSweeper(new BulkJobClient(_connection), new SweepOptions { TargetState = CloseJobState.Aborted, CompleteUploads = true }));

        Assert.Equal(nameof(SweepOptions.CompleteUploads), e.ParamName);
        Assert.Empty(_server.Requests);
    }
}
