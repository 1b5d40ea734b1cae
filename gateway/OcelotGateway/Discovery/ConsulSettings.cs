using OcelotGateway.Configuration.File;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Discovery;

/// <summary>
/// What <c>GlobalConfiguration.ServiceDiscoveryProvider</c> asks for: which Consul, and whether to watch it with blocking
/// queries (<c>Consul</c>, also when <c>Type</c> is blank, as in Ocelot) or by polling every <c>PollingInterval</c> ms
/// (<c>PollConsul</c>). Equal settings mean the running watchers can stay.
/// </summary>
internal sealed record ConsulSettings(ConsulEndpoint Endpoint, ConsulWatchSchedule Schedule)
{
    public const string ConsulType = "Consul";
    public const string PollConsulType = "PollConsul";

    /// <summary>Poll interval when <c>PollingInterval</c> is 0 or less (Ocelot's default for configuration polling).</summary>
    public static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromMilliseconds(1000);

    /// <summary>True when the provider type is one this gateway implements (Consul or PollConsul, case-insensitive, or blank).</summary>
    public static bool IsSupported(FileServiceDiscoveryProvider? provider) =>
        string.IsNullOrWhiteSpace(provider?.Type)
        || string.Equals(provider.Type.Trim(), ConsulType, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider.Type.Trim(), PollConsulType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings for the provider, or null when its type is not supported.</summary>
    public static ConsulSettings? From(FileServiceDiscoveryProvider? provider, DiscoveryOptions options)
    {
        if (!IsSupported(provider))
        {
            return null;
        }

        var polling = string.Equals(provider?.Type?.Trim(), PollConsulType, StringComparison.OrdinalIgnoreCase);
        var interval = provider is { PollingInterval: > 0 } ? TimeSpan.FromMilliseconds(provider.PollingInterval) : DefaultPollingInterval;
        return new ConsulSettings(
            ConsulEndpoint.From(provider),
            new ConsulWatchSchedule(!polling, options.BlockingWait, interval, options.RetryDelay, options.MaxRetryDelay));
    }
}
