using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Discovery;

namespace OcelotGateway.Tests.Discovery;

public sealed class ServiceDestinationsTests
{
    [Fact]
    public void Build_OneDestinationPerInstance_KeyedByInstanceId_WithTheRouteScheme()
    {
        var destinations = ServiceDestinations.Build("https", [new ServiceInstance("stock-1", "10.0.0.1", 8443), new ServiceInstance("stock-2", "::1", 8443)]);

        Assert.Equal("https://10.0.0.1:8443", destinations["stock-1"].Address);
        Assert.Equal("https://[::1]:8443", destinations["stock-2"].Address);
    }

    [Fact]
    public void Build_SameInstances_GiveEqualDestinations_SoYarpSeesNoChange()
    {
        var first = ServiceDestinations.Build("http", [new ServiceInstance("a", "10.0.0.1", 80)]);
        var second = ServiceDestinations.Build("http", [new ServiceInstance("a", "10.0.0.1", 80)]);

        Assert.Equal(first["a"], second["a"]);
    }

    [Fact]
    public void ServiceCluster_StartsWithTheLastKnownInstances_AndCarriesNameAndScheme()
    {
        var cache = new ServiceInstanceCache();
        cache.Set("stock", [new ServiceInstance("stock-1", "10.0.0.1", 8080)]);
        var builder = new ClusterPlanner.Builder(cache);

        builder.Add(new ClusterPlan("http", [], "stock", "RoundRobin", null, false, null, null, TimeSpan.FromSeconds(90)));
        builder.Add(new ClusterPlan("http", [], "esg", "RoundRobin", null, false, null, null, TimeSpan.FromSeconds(90)));
        var clusters = builder.Build();

        var stock = clusters.Single(c => c.Metadata![ClusterPlanner.ServiceNameMetadataKey] == "stock");
        Assert.Equal("http://10.0.0.1:8080", Assert.Single(stock.Destinations!).Value.Address);
        Assert.Equal("http", stock.Metadata![ClusterPlanner.ServiceSchemeMetadataKey]);
        Assert.Empty(clusters.Single(c => c.Metadata![ClusterPlanner.ServiceNameMetadataKey] == "esg").Destinations!);
    }
}
