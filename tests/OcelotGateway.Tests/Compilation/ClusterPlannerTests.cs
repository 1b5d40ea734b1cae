using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;
using OcelotGateway.LoadBalancing;
using Yarp.ReverseProxy.LoadBalancing;

namespace OcelotGateway.Tests.Compilation;

public sealed class ClusterPlannerTests
{
    [Fact]
    public void Add_SameDownstreamSettings_ShareOneCluster_AndItsId()
    {
        var builder = new ClusterPlanner.Builder();

        var first = builder.Add(Plan("RoundRobin", ("a", 1), ("b", 2)));
        var second = builder.Add(Plan("RoundRobin", ("a", 1), ("b", 2)));
        var other = builder.Add(Plan("RoundRobin", ("a", 1)));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, builder.Build().Count);
    }

    [Fact]
    public void Add_IdIsStableAcrossCompilations()
    {
        var id = new ClusterPlanner.Builder().Add(Plan("NoLoadBalancer", ("svc", 80)));

        Assert.Equal(id, new ClusterPlanner.Builder().Add(Plan("NoLoadBalancer", ("svc", 80))));
    }

    [Theory]
    [InlineData("NoLoadBalancer", "FirstAlphabetical")]
    [InlineData("RoundRobin", "RoundRobin")]
    [InlineData("LeastConnection", "LeastRequests")]
    [InlineData("CookieStickySessions", CookieStickySessionPolicy.PolicyName)]
    public void Build_MapsOcelotLoadBalancersToYarpPolicies(string ocelotType, string yarpPolicy)
    {
        var builder = new ClusterPlanner.Builder();
        builder.Add(Plan(ocelotType, ("a", 1)));

        Assert.Equal(yarpPolicy, builder.Build().Single().LoadBalancingPolicy);
    }

    [Fact]
    public void Build_DestinationsKeepFileOrder_AndSchemeMapsWebSocketsToHttp()
    {
        var builder = new ClusterPlanner.Builder();
        builder.Add(Plan("NoLoadBalancer", ("z-host", 81), ("a-host", 82)) with { Scheme = "ws" });

        var destinations = builder.Build().Single().Destinations!;

        Assert.Equal(["0000", "0001"], destinations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://z-host:81", destinations["0000"].Address);
        Assert.Equal("http://a-host:82", destinations["0001"].Address);
    }

    [Theory]
    [InlineData("1.0", 1, 0)]
    [InlineData("2,0", 2, 0)]
    [InlineData("nonsense", 1, 1)]
    [InlineData(null, 1, 1)]
    public void ParseVersion_FallsBackTo11(string? text, int major, int minor) =>
        Assert.Equal(new Version(major, minor), ClusterPlanner.ParseVersion(text));

    private static ClusterPlan Plan(string loadBalancer, params (string Host, int Port)[] hosts) => new(
        "http",
        [.. hosts.Select(h => new FileHostAndPort { Host = h.Host, Port = h.Port })],
        null,
        loadBalancer,
        null,
        false,
        null,
        null,
        TimeSpan.FromSeconds(90));
}
