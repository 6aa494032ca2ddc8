namespace SfBulk.Cli.Ui;

/// <summary>What <see cref="UiServer"/> serves: the org it talks to, how it shows it, and the clocks it runs on.</summary>
internal sealed class UiServerOptions
{
    /// <summary>The TCP port on 127.0.0.1 (0 picks a free one).</summary>
    public int Port { get; init; }

    /// <summary>The org the page works on. The server owns it from here on (it disposes it).</summary>
    public required SalesforceConnection Connection { get; init; }

    /// <summary>The header's org label (the connection's name, or "Emulator").</summary>
    public required string OrgLabel { get; init; }

    /// <summary>The header's user label (a user name; never a session id).</summary>
    public required string UserLabel { get; init; }

    /// <summary>The header's instance (scheme and host only).</summary>
    public required string InstanceLabel { get; init; }

    /// <summary>User names by user id (15 or 18 characters), when known; the page shows ids otherwise.</summary>
    public IReadOnlyDictionary<string, string> UserNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock of ages and of the watcher's waits (a scaled emulator clock in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The shortest time between two listings of the org's jobs, however many pages ask (default 5 s).</summary>
    public TimeSpan MinListingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an open jobs page refreshes itself (default 30 s).</summary>
    public TimeSpan PageRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two polls of a watched job (the watcher's MaxInterval, default 60 s).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The org watcher to run while the server runs (<c>--watch-all</c>), shown on the page; null runs none.</summary>
    public SfBulk.Watching.OrgWatchOptions? OrgWatch { get; set; }

    /// <summary>True when the org is the embedded emulator (the header says so).</summary>
    public bool IsEmulator { get; init; }
}
