using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>Hands YARP the routes and clusters of the current compiled configuration and signals YARP when they change.</summary>
internal sealed class GatewayProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    private volatile Snapshot _current = new([], []);

    public IProxyConfig GetConfig() => _current;

    public void Update(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        var previous = _current;
        _current = new Snapshot(routes, clusters);
        previous.SignalChange();
    }

    public void Dispose() => _current.Dispose();

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
