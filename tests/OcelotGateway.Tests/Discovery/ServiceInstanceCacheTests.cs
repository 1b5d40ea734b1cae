using OcelotGateway.Discovery;

namespace OcelotGateway.Tests.Discovery;

public sealed class ServiceInstanceCacheTests
{
    [Fact]
    public void Set_ReportsWhetherTheInstancesChanged()
    {
        var cache = new ServiceInstanceCache();

        Assert.Null(cache.Find("stock"));
        Assert.True(cache.Set("stock", [new ServiceInstance("a", "10.0.0.1", 80)]));
        Assert.False(cache.Set("stock", [new ServiceInstance("a", "10.0.0.1", 80)]));
        Assert.True(cache.Set("stock", []));
        Assert.Empty(cache.Find("stock")!);
    }

    [Fact]
    public void SetKnownServices_ReportsWhetherTheCatalogChanged()
    {
        var cache = new ServiceInstanceCache();

        Assert.False(cache.SetKnownServices([]));
        Assert.True(cache.SetKnownServices(["esg", "stock"]));
        Assert.False(cache.SetKnownServices(["esg", "stock"]));
        Assert.Equal(["esg", "stock"], cache.KnownServices);
    }
}
