using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Discovery;

/// <summary>
/// Turns Consul health entries into the instances traffic goes to. The downstream host is the instance's registered
/// <c>Service.Address</c>, or the node's <c>Node.Address</c> when the instance registered none; the port is
/// <c>Service.Port</c>. This deliberately differs from Ocelot, which sends to the node <em>name</em> by default: node names
/// are rarely resolvable outside Consul's DNS, while addresses always are. As in Ocelot, an address that starts with
/// <c>http://</c> or <c>https://</c> or a port of 0 or less makes the entry unusable; it is skipped and reported.
/// </summary>
internal static class ServiceInstanceSelector
{
    /// <summary>The usable instances, ordered by id, and the entries that were skipped with the reason.</summary>
    public static IReadOnlyList<ServiceInstance> Select(
        IReadOnlyList<ConsulHealthEntry> entries,
        ICollection<(string Id, string Reason)> skipped)
    {
        var instances = new List<ServiceInstance>(entries.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Service is not { } service || !AllChecksPass(entry))
            {
                continue;
            }

            var address = string.IsNullOrWhiteSpace(service.Address) ? entry.Node?.Address : service.Address;
            var id = string.IsNullOrEmpty(service.ID) ? service.Service + "@" + address + ":" + service.Port : service.ID;
            if (string.IsNullOrWhiteSpace(address))
            {
                skipped.Add((id, "neither the service nor its node has an address"));
                continue;
            }

            if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add((id, "its address '" + address + "' is a URL, not a host"));
                continue;
            }

            if (service.Port <= 0)
            {
                skipped.Add((id, "it has no port"));
                continue;
            }

            // Service IDs are unique per agent only: the same ID on two nodes gets the node name added.
            if (!ids.Add(id))
            {
                id = id + "@" + entry.Node?.Node;
                ids.Add(id);
            }

            instances.Add(new ServiceInstance(id, address.Trim(), service.Port));
        }

        instances.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return instances;
    }

    // The query already asks Consul for passing entries only; checking again costs nothing and guards against proxies that drop the filter.
    private static bool AllChecksPass(ConsulHealthEntry entry) =>
        entry.Checks.TrueForAll(c => string.Equals(c.Status, ConsulHealthEntry.Passing, StringComparison.OrdinalIgnoreCase));
}
