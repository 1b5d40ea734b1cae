using System.Collections.Concurrent;

namespace OcelotGateway.Discovery;

/// <summary>
/// The last known passing instances of every watched service, and the service names in Consul's catalog (for dynamic
/// routing). A compiled configuration starts its service clusters from here, so a reload never empties them, and a Consul
/// outage leaves them as they were. Only services the applied configuration uses are kept (<see cref="Forget"/>), so the
/// cache is bounded by the configuration (and, with dynamic routing, by the catalog).
/// </summary>
public sealed class ServiceInstanceCache
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ServiceInstance>> _instances = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<string> _knownServices = [];

    /// <summary>The names Consul's catalog listed last, sorted; empty until the catalog was read.</summary>
    public IReadOnlyList<string> KnownServices => _knownServices;

    /// <summary>The last known instances of the service, or null when it was never looked up.</summary>
    public IReadOnlyList<ServiceInstance>? Find(string service) => _instances.TryGetValue(service, out var instances) ? instances : null;

    /// <summary>Stores the instances; false when they are the ones already known.</summary>
    internal bool Set(string service, IReadOnlyList<ServiceInstance> instances)
    {
        if (_instances.TryGetValue(service, out var known) && known.SequenceEqual(instances))
        {
            return false;
        }

        _instances[service] = instances;
        return true;
    }

    /// <summary>Drops a service no route uses any more; a route that uses it again starts from its next lookup.</summary>
    internal void Forget(string service) => _instances.TryRemove(service, out _);

    /// <summary>Services with known instances (diagnostics and tests).</summary>
    public int Count => _instances.Count;

    /// <summary>Stores the catalog's service names; false when they did not change.</summary>
    internal bool SetKnownServices(IReadOnlyList<string> services)
    {
        if (_knownServices.SequenceEqual(services, StringComparer.Ordinal))
        {
            return false;
        }

        _knownServices = services;
        return true;
    }
}
