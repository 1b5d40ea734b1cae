using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>Hands YARP the routes and clusters of the current compiled configuration and signals YARP when they change.</summary>
internal sealed class GatewayProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    private readonly Lock _sync = new();
    private volatile Snapshot _current = new([], []);

    public IProxyConfig GetConfig() => _current;

    public void Update(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        Snapshot previous;
        lock (_sync)
        {
            previous = _current;
            _current = new Snapshot(routes, clusters);
        }

        previous.SignalChange();
    }

    /// <summary>
    /// Replaces the destinations of one cluster and nothing else: the new snapshot holds the same route objects and the other
    /// clusters unchanged, and YARP compares by value, so no route endpoint is rebuilt and only this cluster's destinations
    /// move. Returns false when the cluster is not in the current configuration or already has exactly these destinations.
    /// </summary>
    public bool ReplaceDestinations(string clusterId, IReadOnlyDictionary<string, DestinationConfig> destinations)
    {
        Snapshot previous;
        lock (_sync)
        {
            previous = _current;
            var clusters = previous.Clusters;
            var index = -1;
            for (var i = 0; i < clusters.Count; i++)
            {
                if (string.Equals(clusters[i].ClusterId, clusterId, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 || SameDestinations(clusters[index].Destinations, destinations))
            {
                return false;
            }

            var replaced = new ClusterConfig[clusters.Count];
            for (var i = 0; i < clusters.Count; i++)
            {
                replaced[i] = i == index ? clusters[i] with { Destinations = destinations } : clusters[i];
            }

            _current = new Snapshot(previous.Routes, replaced);
        }

        previous.SignalChange();
        return true;
    }

    public void Dispose() => _current.Dispose();

    private static bool SameDestinations(IReadOnlyDictionary<string, DestinationConfig>? current, IReadOnlyDictionary<string, DestinationConfig> next)
    {
        if ((current?.Count ?? 0) != next.Count)
        {
            return false;
        }

        foreach (var (id, destination) in next)
        {
            if (current is null || !current.TryGetValue(id, out var existing) || !existing.Equals(destination))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Snapshot : IProxyConfig, IDisposable
    {
        private readonly CancellationTokenSource _changed = new();

        public Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
        {
            Routes = routes;
            Clusters = clusters;
            ChangeToken = new CancellationChangeToken(_changed.Token);
        }

        public IReadOnlyList<RouteConfig> Routes { get; }

        public IReadOnlyList<ClusterConfig> Clusters { get; }

        public IChangeToken ChangeToken { get; }

        public void SignalChange() => _changed.Cancel();

        public void Dispose() => _changed.Dispose();
    }
}
