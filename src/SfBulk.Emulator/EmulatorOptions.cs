using System.Collections.ObjectModel;
using SfBulk.Emulator.Fidelity;

namespace SfBulk.Emulator;

/// <summary>Settings of an emulator instance. Read once at start; changing them afterwards has no effect.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The TCP port to listen on; 0 picks a free one.</summary>
    /// <value>The default value is 0.</value>
    public int Port { get; set; }

    /// <summary>The default org's user name.</summary>
    /// <value>The default value is <c>admin@sfbulk.test</c>.</value>
    public string Username { get; set; } = "admin@sfbulk.test";

    /// <summary>The default user's password.</summary>
    /// <value>The default value is <c>sfbulk-emulator</c>.</value>
    public string Password { get; set; } = "sfbulk-emulator";

    /// <summary>The default user's security token, appended to the password at login; null when none is needed.</summary>
    /// <value>The default value is null.</value>
    public string? SecurityToken { get; set; }

    /// <summary>Further users of the org (for example a second integration user), besides the default one.</summary>
    public Collection<(string Username, string Password)> AdditionalUsers { get; } = [("integration@sfbulk.test", "sfbulk-emulator")];

    /// <summary>The OAuth client id (consumer key) of the org's connected app.</summary>
    /// <value>The default value is <c>sfbulk-emulator-client</c>.</value>
    public string ClientId { get; set; } = "sfbulk-emulator-client";

    /// <summary>The OAuth client secret (consumer secret) of the org's connected app.</summary>
    /// <value>The default value is <c>sfbulk-emulator-secret</c>.</value>
    public string ClientSecret { get; set; } = "sfbulk-emulator-secret";

    /// <summary>
    /// PEM text of the X.509 certificate (or RSA public key) uploaded to the connected app, used to verify
    /// JWT bearer assertions; null disables the JWT bearer flow until one is registered through the control surface.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? JwtCertificatePem { get; set; }

    /// <summary>The user the client credentials flow runs as ("Run As" user); null means the default user.</summary>
    /// <value>The default value is null.</value>
    public string? ClientCredentialsRunAs { get; set; }

    /// <summary>Sessions expire after this long without a request (the org's session timeout).</summary>
    /// <value>The default value is 2 hours.</value>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a batch waits in the queue before it starts.</summary>
    /// <value>The default value is 500 ms.</value>
    public TimeSpan BatchQueueDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a batch takes once it started.</summary>
    /// <value>The default value is 2 s.</value>
    public TimeSpan BatchProcessingTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many batches of one parallel-mode job run at the same time.</summary>
    /// <value>The default value is 4.</value>
    public int MaxParallelBatches { get; set; } = 4;

    /// <summary>How long Salesforce takes to split a PK-chunked query into chunk batches.</summary>
    /// <value>The default value is 1 s.</value>
    public TimeSpan ChunkingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records per object in the emulated org (used by queries and PK chunking). Objects not listed are
    /// unknown to the org.
    /// </summary>
    public IDictionary<string, long> ObjectRecordCounts { get; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = 1_000_000,
        ["Contact"] = 50_000,
        ["Lead"] = 20,
        ["Opportunity"] = 300_000,
        ["Case"] = 120_000,
        ["Merchandise__c"] = 25,
        ["EmailMessage"] = 1_000,
    };

    /// <summary>
    /// Maxima of the org's rolling 24-hour allocations, by the limits resource's names
    /// (<see cref="Allocations.AllocationNames"/>); allocations not listed keep <see cref="Allocations.AllocationNames.DefaultMaxima"/>
    /// (5,000,000 API requests, 15,000 Bulk 1.0 batches, 10,000 Bulk 2.0 query jobs, 976,562 MB of query results).
    /// The control surface can change them while the emulator runs (<c>POST /_emulator/limits</c>).
    /// </summary>
    public IDictionary<string, long> AllocationMaxima { get; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Enables the test control surface under <c>/_emulator</c> (seeding, time, sessions, faults).</summary>
    /// <value>The default value is true (test mode).</value>
    public bool EnableControlSurface { get; set; } = true;

    /// <summary>
    /// The answers the emulator gives where Salesforce's documentation is silent (docs/fidelity.md); changeable later
    /// through <c>PUT /_emulator/variants</c>.
    /// </summary>
    /// <value>The default is read from the <c>SFBULK_EMULATOR_VARIANTS</c> environment variable, else each variant's most likely answer.</value>
    public EmulatorVariants Variants { get; set; } = EmulatorVariants.FromEnvironment();

    /// <summary>
    /// Requires the header <c>X-Emulator-Token</c> with <see cref="EmulatorServer.ControlToken"/> (a random value per
    /// start) on every request to <c>/_emulator</c>, so that another local program or a web page cannot drive the org.
    /// False opens the control surface to any local caller (<c>--open-control</c>).
    /// </summary>
    /// <value>The default value is true.</value>
    public bool RequireControlToken { get; set; } = true;

    /// <summary>The most jobs the org holds (every job created since start counts); one more is refused with a clear error.</summary>
    /// <value>The default value is 500,000.</value>
    public long MaxJobs { get; set; } = 500_000;

    /// <summary>The most batches the org holds (PK-chunk batches included); one more is refused with a clear error.</summary>
    /// <value>The default value is 2,000,000.</value>
    public long MaxBatches { get; set; } = 2_000_000;

    /// <summary>The clock the emulator follows (a fake one in tests); null means the system clock.</summary>
    /// <value>The default value is null.</value>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Called once per request after the answer was sent, with a line such as
    /// <c>GET /services/async/66.0/job/750R00000000001IAA → 200 (3 ms)</c>: the method, the path without its query
    /// string, the status and the time taken. Null logs nothing.
    /// </summary>
    /// <value>The default value is null.</value>
    public Action<string>? RequestLog { get; set; }
}
