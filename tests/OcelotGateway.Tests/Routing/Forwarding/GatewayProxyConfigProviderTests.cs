using OcelotGateway.Routing.Forwarding;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Tests.Routing.Forwarding;

public sealed class GatewayProxyConfigProviderTests
{
    [Fact]
    public void ReplaceDestinations_ChangesOnlyThatCluster_KeepsRouteObjects_AndSignalsYarp()
    {
        using var provider = new GatewayProxyConfigProvider();
        var routes = new[] { new RouteConfig { RouteId = "r1", ClusterId = "svc" }, new RouteConfig { RouteId = "r2", ClusterId = "static" } };
        var staticCluster = new ClusterConfig { ClusterId = "static", Destinations = Destinations(("0000", "http://10.0.0.9:80")) };
        provider.Update(routes, [new ClusterConfig { ClusterId = "svc" }, staticCluster]);
        var before = provider.GetConfig();

        Assert.True(provider.ReplaceDestinations("svc", Destinations(("svc-1", "http://10.0.0.1:80"))));

        var after = provider.GetConfig();
        Assert.True(before.ChangeToken.HasChanged);
        Assert.Same(before.Routes, after.Routes);
        Assert.Same(staticCluster, after.Clusters.Single(c => c.ClusterId == "static"));
        Assert.Equal("http://10.0.0.1:80", after.Clusters.Single(c => c.ClusterId == "svc").Destinations!["svc-1"].Address);
    }

    [Fact]
    public void ReplaceDestinations_SameDestinationsOrUnknownCluster_ChangesNothing()
    {
        using var provider = new GatewayProxyConfigProvider();
        provider.Update([], [new ClusterConfig { ClusterId = "svc", Destinations = Destinations(("svc-1", "http://10.0.0.1:80")) }]);
        var before = provider.GetConfig();

        Assert.False(provider.ReplaceDestinations("svc", Destinations(("svc-1", "http://10.0.0.1:80"))));
        Assert.False(provider.ReplaceDestinations("other", Destinations(("x", "http://10.0.0.2:80"))));
        Assert.Same(before, provider.GetConfig());
        Assert.False(before.ChangeToken.HasChanged);
    }

    private static Dictionary<string, DestinationConfig> Destinations(params (string Id, string Address)[] destinations) =>
        destinations.ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address }, StringComparer.Ordinal);
}
