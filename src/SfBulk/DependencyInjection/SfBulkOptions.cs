using Microsoft.Extensions.Configuration;

namespace SfBulk.DependencyInjection;

/// <summary>What <c>services.AddSfBulk(...)</c> registers: connections from code, configuration and the environment.</summary>
public sealed class SfBulkOptions
{
    /// <summary>Connections defined in code; they win over configured ones of the same name.</summary>
    public IList<SalesforceConnectionOptions> Connections { get; } = [];

    /// <summary>
    /// The configuration whose section <c>SfBulk:Connections</c> holds named connections; null uses the
    /// <see cref="IConfiguration"/> registered in the container, if any.
    /// </summary>
    /// <value>The default value is null.</value>
    public IConfiguration? Configuration { get; set; }

    /// <summary>Whether the <c>SFBULK_*</c> environment variables describe a connection too.</summary>
    /// <value>The default value is true.</value>
    public bool UseEnvironmentVariables { get; set; } = true;

    /// <summary>Adds a connection defined in code.</summary>
    /// <param name="connection">The connection settings.</param>
    /// <returns>These options.</returns>
    public SfBulkOptions AddConnection(SalesforceConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connections.Add(connection);
        return this;
    }
}
