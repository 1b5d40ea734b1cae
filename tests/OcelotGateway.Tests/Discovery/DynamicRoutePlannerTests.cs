using OcelotGateway.Configuration.File;
using OcelotGateway.Discovery;

namespace OcelotGateway.Tests.Discovery;

public sealed class DynamicRoutePlannerTests
{
    [Fact]
    public void Applies_OnlyWithoutRoutes_AndWithAProviderHostAndPort()
    {
        Assert.True(DynamicRoutePlanner.Applies(Configuration(host: "consul", port: 8500)));
        Assert.False(DynamicRoutePlanner.Applies(Configuration(host: "consul", port: 0)));
        Assert.False(DynamicRoutePlanner.Applies(Configuration(host: "", port: 8500)));
        Assert.False(DynamicRoutePlanner.Applies(new FileConfiguration()));

        var withRoute = Configuration(host: "consul", port: 8500);
        withRoute.Routes.Add(new FileRoute { UpstreamPathTemplate = "/x" });
        Assert.False(DynamicRoutePlanner.Applies(withRoute));
    }

    [Fact]
    public void Create_OneRoutePerService_FromTheCatalogAndDynamicRoutes_InNameOrder()
    {
        var file = Configuration(host: "consul", port: 8500);
        file.DynamicRoutes.Add(new FileDynamicRoute { ServiceName = "zeta" });

        var plan = DynamicRoutePlanner.Create(file, ["stock", "esg", "stock"], DynamicRoutingFilter.Default);

        Assert.Equal(["esg", "stock", "zeta"], plan.Routes.Select(r => r.ServiceName));
        var stock = plan.Routes[1];
        Assert.Equal("/stock/{dynamicPath}", stock.UpstreamPathTemplate);
        Assert.Equal("/{dynamicPath}", stock.DownstreamPathTemplate);
        Assert.Equal(["dynamic routing"], plan.Origins.Select(o => o.File).Distinct());
        Assert.Equal([0, 1, 2], plan.Origins.Select(o => o.IndexInFile));
    }

    [Fact]
    public void Create_DynamicRoutesEntry_OverridesGlobalOptions()
    {
        var file = Configuration(host: "consul", port: 8500);
        file.GlobalConfiguration.DownstreamScheme = "https";
        file.GlobalConfiguration.DownstreamHttpVersion = "2.0";
        file.DynamicRoutes.Add(new FileDynamicRoute
        {
            ServiceName = "stock",
            DownstreamScheme = "http",
            Timeout = 5,
            RateLimitRule = new FileRateLimitOptions { Limit = 1, Period = "1s" },
            LoadBalancerOptions = new FileLoadBalancerOptions { Type = "RoundRobin" },
        });

        var plan = DynamicRoutePlanner.Create(file, ["esg"], DynamicRoutingFilter.Default);
        var esg = plan.Routes.Single(r => r.ServiceName == "esg");
        var stock = plan.Routes.Single(r => r.ServiceName == "stock");

        Assert.Equal("https", esg.DownstreamScheme);
        Assert.Equal("2.0", esg.DownstreamHttpVersion);
        Assert.Null(esg.RateLimitOptions);
        Assert.Equal("http", stock.DownstreamScheme);
        Assert.Equal(5, stock.Timeout);
        Assert.Equal(1, stock.RateLimitOptions!.Limit);
        Assert.Equal("RoundRobin", stock.LoadBalancerOptions!.Type);
    }

    [Fact]
    public void Create_GlobalHeaderTransforms_StayWithStaticRoutes_OtherGlobalsApply()
    {
        var file = Configuration(host: "consul", port: 8500);
        file.GlobalConfiguration.UpstreamHeaderTransform["X-Static"] = "only";
        file.GlobalConfiguration.DownstreamHeaderTransform["X-Static"] = "only";
        file.GlobalConfiguration.LoadBalancerOptions = new FileLoadBalancerOptions { Type = "LeastConnection" };
        file.GlobalConfiguration.RequestIdKey = "X-Request-Id";
        file.GlobalConfiguration.Timeout = 7;

        var global = DynamicRoutePlanner.Create(file, ["stock"], DynamicRoutingFilter.Default).Global;

        Assert.Empty(global.UpstreamHeaderTransform);
        Assert.Empty(global.DownstreamHeaderTransform);
        Assert.Equal("LeastConnection", global.LoadBalancerOptions!.Type);
        Assert.Equal("X-Request-Id", global.RequestIdKey);
        Assert.Equal(7, global.Timeout);
    }

    [Fact]
    public void Create_ConsulItself_IsNotRouted_EvenWithADynamicRoutesEntry_OtherFiltersApplyToBothSources()
    {
        var file = Configuration(host: "consul", port: 8500);
        file.DynamicRoutes.Add(new FileDynamicRoute { ServiceName = "consul" });
        file.DynamicRoutes.Add(new FileDynamicRoute { ServiceName = "internal-audit" });

        Assert.Equal(["internal-audit", "stock"], DynamicRoutePlanner.Create(file, ["consul", "stock"], DynamicRoutingFilter.Default).Routes.Select(r => r.ServiceName));
        var filter = new DynamicRoutingFilter(allowed: [], excluded: ["consul", "internal-*"]);
        Assert.Equal(["stock"], DynamicRoutePlanner.Create(file, ["consul", "stock", "Internal-Billing"], filter).Routes.Select(r => r.ServiceName));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("with/slash")]
    [InlineData("{brace}")]
    [InlineData(".hidden")]
    public void Create_NamesThatCannotBeAPathSegment_AreNotRouted(string name) =>
        Assert.Empty(DynamicRoutePlanner.Create(Configuration(host: "consul", port: 8500), [name], DynamicRoutingFilter.Default).Routes);

    private static FileConfiguration Configuration(string host, int port) => new()
    {
        GlobalConfiguration = new FileGlobalConfiguration
        {
            ServiceDiscoveryProvider = new FileServiceDiscoveryProvider { Host = host, Port = port },
        },
    };
}
