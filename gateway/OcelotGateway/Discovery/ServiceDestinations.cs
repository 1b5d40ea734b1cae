using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Discovery;

/// <summary>
/// YARP destinations of a service cluster: one per instance, keyed by the instance id. Built the same way when a configuration
/// is compiled and when Consul reports a change, so equal instances give equal destinations and YARP sees no change.
/// </summary>
internal static class ServiceDestinations
{
    public static IReadOnlyDictionary<string, DestinationConfig> Build(string scheme, IReadOnlyList<ServiceInstance> instances)
    {
        var destinations = new Dictionary<string, DestinationConfig>(instances.Count, StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            destinations[instance.Id] = new DestinationConfig
            {
                Address = ClusterPlanner.DestinationAddress(scheme, new FileHostAndPort { Host = instance.Host, Port = instance.Port }),
            };
        }

        return destinations;
    }
}
