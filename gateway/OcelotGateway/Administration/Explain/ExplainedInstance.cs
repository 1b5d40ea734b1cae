using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// One downstream instance a route's load balancer may pick. <c>Health</c> is <c>configured</c> offline (the files list it),
/// and live it is what the proxy knows: <c>available</c>, or <c>unavailable</c> when health checks took it out.
/// </summary>
internal sealed record ExplainedInstance(string Id, string Address, string Health)
{
    /// <summary>The instances a configuration names, as the CLI sees them without a running gateway.</summary>
    public static IReadOnlyList<ExplainedInstance> FromConfig(ClusterConfig cluster) =>
        cluster.Destinations is null
            ? []
            : [.. cluster.Destinations.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new ExplainedInstance(d.Key, d.Value.Address, "configured"))];

    /// <summary>The instances the running proxy has for the cluster now (discovered ones included).</summary>
    public static IReadOnlyList<ExplainedInstance> FromProxyState(IProxyStateLookup proxy, ClusterConfig cluster)
    {
        if (!proxy.TryGetCluster(cluster.ClusterId, out var state))
        {
            return FromConfig(cluster);
        }

        var available = state.DestinationsState.AvailableDestinations;
        return
        [
            .. state.Destinations.Values
                .OrderBy(d => d.DestinationId, StringComparer.Ordinal)
                .Select(d => new ExplainedInstance(d.DestinationId, d.Model.Config.Address, Contains(available, d) ? "available" : "unavailable")),
        ];
    }

    private static bool Contains(IReadOnlyList<DestinationState> destinations, DestinationState destination)
    {
        for (var i = 0; i < destinations.Count; i++)
        {
            if (ReferenceEquals(destinations[i], destination))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Where an explanation takes instances from: the files (offline, discovered services unknown) or the running proxy.</summary>
internal sealed record InstanceSource(bool Live, Func<ClusterConfig, IReadOnlyList<ExplainedInstance>> Find)
{
    public static readonly InstanceSource Offline = new(false, ExplainedInstance.FromConfig);

    public static InstanceSource Proxy(IProxyStateLookup proxy) => new(true, cluster => ExplainedInstance.FromProxyState(proxy, cluster));
}
