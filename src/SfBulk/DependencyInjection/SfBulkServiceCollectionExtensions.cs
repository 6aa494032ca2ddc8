using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SfBulk;
using SfBulk.Connection;
using SfBulk.DependencyInjection;

// IDE0130: AddSfBulk is an extension of IServiceCollection and, like every Microsoft.Extensions.* registration,
// lives in that interface's namespace so that it is found without a using line.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers sfbulk's connections with dependency injection.</summary>
public static class SfBulkServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client sfbulk uses.</summary>
    public const string HttpClientName = "SfBulk";

    /// <summary>
    /// Registers a <see cref="SalesforceConnectionRegistry"/> (connections from <see cref="SfBulkOptions"/>,
    /// configuration section <c>SfBulk:Connections</c> and <c>SFBULK_*</c> environment variables) and the default
    /// <see cref="SalesforceConnection"/>, both singletons, sending through <see cref="IHttpClientFactory"/> client
    /// <see cref="HttpClientName"/> (no automatic redirects, no cookies, no factory logging: sfbulk logs itself with
    /// redacted headers). Connections with their own proxy get their own client.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds connections or points at a configuration; may be null.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSfBulk(this IServiceCollection services, Action<SfBulkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SfBulkOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static () => SalesforceHttpHandler.Create(null))
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton(static provider =>
        {
            var settings = provider.GetRequiredService<IOptions<SfBulkOptions>>().Value;
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            var configured = SalesforceConnectionRegistry.Create(
                settings.Configuration ?? provider.GetService<IConfiguration>(),
                settings.UseEnvironmentVariables ? Environment.GetEnvironmentVariable : null,
                null,
                null);
            var all = settings.Connections.Select(c => c.Clone()).ToList();
            foreach (var name in configured.Names)
            {
                if (!all.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    all.Add(configured.OptionsOf(name));
                }
            }

            return new SalesforceConnectionRegistry(
                all,
                configured.Problems.Where(p => !all.Any(c => string.Equals(c.Name, p.Key, StringComparison.OrdinalIgnoreCase))),
                provider.GetService<ILoggerFactory>(),
                connection => connection.Proxy is null ? () => factory.CreateClient(HttpClientName) : null);
        });
        services.TryAddSingleton(static provider => provider.GetRequiredService<SalesforceConnectionRegistry>().Get());
        return services;
    }
}
