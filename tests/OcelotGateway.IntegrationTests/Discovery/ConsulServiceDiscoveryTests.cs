using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcelotGateway.IntegrationTests.Infrastructure;
using Yarp.ReverseProxy;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>Routes with <c>ServiceName</c> follow the passing instances in Consul (reference §5, scenario 53), against the stand-in.</summary>
public sealed class ConsulServiceDiscoveryTests
{
    private static readonly TimeSpan BlockingDeadline = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task BlockingQueries_InstanceAddedTurnedCriticalRemoved_TrafficFollowsWithinTwoSeconds()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        await using var b = await NamedStubAsync("b");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(consul), ServiceRoute("/stock/{everything}", "/{everything}", "stock")));

        // Start-up waited for Consul's first answer, so the very first request has an instance.
        Assert.Equal(["a"], await RespondersAsync(gateway, "/stock/x"));

        consul.AddInstance("stock", "stock-b", "127.0.0.1", b.Port);
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/stock/x")).SetEquals(["a", "b"]), BlockingDeadline, "new instance b receives traffic");

        consul.SetStatus("stock-a", "critical");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/stock/x")).SetEquals(["b"]), BlockingDeadline, "critical instance a is left out");

        consul.SetStatus("stock-a", "passing");
        consul.RemoveInstance("stock-b");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/stock/x")).SetEquals(["a"]), BlockingDeadline, "removed instance b is left out");
        Assert.Contains(consul.Calls, c => c.Path == "/v1/health/service/stock" && c.Query.Contains("index=", StringComparison.Ordinal) && c.Query.Contains("wait=30s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollConsul_FollowsWithinThePollingInterval_WithoutBlockingQueries()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        await using var b = await NamedStubAsync("b");
        consul.AddInstance("esg", "esg-a", "127.0.0.1", a.Port);
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul, type: "PollConsul", pollingInterval: 300), ServiceRoute("/esg/{everything}", "/{everything}", "esg")));
        Assert.Equal(["a"], await RespondersAsync(gateway, "/esg/"));

        consul.AddInstance("esg", "esg-b", "127.0.0.1", b.Port);
        consul.RemoveInstance("esg-a");
        var took = await Eventually.HoldsAsync(
            async () => (await RespondersAsync(gateway, "/esg/")).SetEquals(["b"]), TimeSpan.FromSeconds(1.5), "the next poll switches to b");

        Assert.True(took < TimeSpan.FromSeconds(1.5), $"took {took}");
        Assert.All(consul.Calls.Where(c => c.Path == "/v1/health/service/esg"), c => Assert.DoesNotContain("index=", c.Query, StringComparison.Ordinal));
        Assert.Contains(consul.Calls, c => c.Query.Contains("passing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoPassingInstance_Answers503ProblemJson()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        consul.AddInstance("finance", "finance-a", "127.0.0.1", a.Port, status: "critical");
        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(consul), ServiceRoute("/finance/{everything}", "/{everything}", "finance")));

        using var response = await gateway.Client.GetAsync("/finance/statements");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, a.Count);
    }

    [Fact]
    public async Task NoPassingInstance_IsNotCountedByTheCircuitBreaker_TrafficFlowsAsSoonAsAnInstancePasses()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        consul.AddInstance("finance", "finance-a", "127.0.0.1", a.Port, status: "critical");
        var route = ServiceRoute("/finance/{everything}", "/{everything}", "finance");
        route["QoSOptions"] = new { MinimumThroughput = 2, BreakDuration = 60_000 };
        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(consul), route));

        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.Client.GetAsync("/finance/x");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("No downstream instance", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        consul.SetStatus("finance-a", "passing");

        // An open circuit would answer 503 for the next minute; a closed one lets the first call after discovery through.
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/finance/x", calls: 1)).SetEquals(["a"]), BlockingDeadline, "instance a serves");
        Assert.Equal(["a"], await RespondersAsync(gateway, "/finance/x", calls: 5));
    }

    [Fact]
    public async Task ConsulDown_LastKnownInstancesKeepServing_OneWarningPerOutage_ThenRecovers()
    {
        var logs = new CapturingLoggerProvider();
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        await using var b = await NamedStubAsync("b");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        consul.AddInstance("esg", "esg-a", "127.0.0.1", a.Port);
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul), ServiceRoute("/stock/{everything}", "/{everything}", "stock"), ServiceRoute("/esg/{everything}", "/{everything}", "esg")),
            o =>
            {
                o.Logs = logs;
                foreach (var (key, value) in FastRetries)
                {
                    o.Settings[key] = value;
                }
            });

        consul.TakeDown();
        var callsWhenDown = consul.Calls.Count;
        await Eventually.HoldsAsync(() => consul.Calls.Count >= callsWhenDown + 6, TimeSpan.FromSeconds(5), "both watchers retry several times");

        Assert.Equal(["a"], await RespondersAsync(gateway, "/stock/x"));
        Assert.Equal(["a"], await RespondersAsync(gateway, "/esg/x"));
        var warning = Assert.Single(logs.Entries, e => e.EventId == 800);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(logs.Entries, e => e.EventId == 801);

        consul.BringUp();
        consul.AddInstance("stock", "stock-b", "127.0.0.1", b.Port);
        consul.RemoveInstance("stock-a");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/stock/x")).SetEquals(["b"]), TimeSpan.FromSeconds(3), "watching resumes after the outage");
        Assert.Single(logs.Entries, e => e.EventId == 801);
        Assert.Single(logs.Entries, e => e.EventId == 800);
    }

    [Fact]
    public async Task TokenAndNamespace_AreSentAsConsulExpects()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.RequiredToken = "acl-secret";
        await using var a = await NamedStubAsync("a");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul, token: "acl-secret", ns: "team-a"), ServiceRoute("/stock/{everything}", "/{everything}", "stock")));

        Assert.Equal(["a"], await RespondersAsync(gateway, "/stock/x"));
        var health = consul.Calls.Where(c => c.Path == "/v1/health/service/stock").ToList();
        Assert.NotEmpty(health);
        Assert.All(health, c => Assert.Equal("acl-secret", c.Token));
        Assert.All(health, c => Assert.Contains("ns=team-a", c.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_NewServiceCluster_StartsWithTheLastKnownInstances()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul), ServiceRoute("/stock/{everything}", "/{everything}", "stock", "RoundRobin")),
            o => o.ReloadOnChange = true);
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Applied += _ => applied.TrySetResult();

        // Another load balancer means another YARP cluster: it must not start empty.
        await gateway.WriteFileAsync("ocelot.json", ServiceConfiguration(Provider(consul), ServiceRoute("/stock/{everything}", "/{everything}", "stock", "LeastConnection")));
        await applied.Task.WaitAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(["a"], await RespondersAsync(gateway, "/stock/x"));
    }

    [Fact]
    public async Task InstanceChange_ReplacesOnlyThatClusterDestinations_RoutesAreNotRebuilt()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await NamedStubAsync("a");
        await using var b = await NamedStubAsync("b");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        var staticRoute = OcelotJson.Route(b, "/static/{everything}", "/{everything}");
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul), staticRoute, ServiceRoute("/stock/{everything}", "/{everything}", "stock")));
        Assert.Equal(["b"], await RespondersAsync(gateway, "/static/x"));
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();
        var routeIds = gateway.State.Current!.Routes.Select(r => r.RouteId).ToList();
        var modelsBefore = routeIds.Select(id => lookup.TryGetRoute(id, out var model) ? model : null).ToList();

        consul.AddInstance("stock", "stock-b", "127.0.0.1", b.Port);
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/stock/x")).SetEquals(["a", "b"]), BlockingDeadline, "instance b added");

        var modelsAfter = routeIds.Select(id => lookup.TryGetRoute(id, out var model) ? model : null).ToList();
        Assert.All(modelsBefore, m => Assert.NotNull(m));
        Assert.True(modelsBefore.Zip(modelsAfter).All(pair => ReferenceEquals(pair.First, pair.Second)), "route models were rebuilt");
        Assert.Equal(1, gateway.State.Current.Generation);
    }
}
