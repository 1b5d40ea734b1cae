using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>Dynamic routing: no routes, a discovery provider, and <c>/{service}/{path}</c> goes to the service (reference §4, scenario 52).</summary>
public sealed class DynamicRoutingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ServiceSegment_RoutesToTheService_WithRestOfPathAndQuery_AndGlobalRoundRobinSpreadsCalls()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        var stubs = new List<DownstreamStub>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var stub = await DownstreamStub.StartAsync();
                stubs.Add(stub);
                consul.AddInstance("product", "product-" + i, "127.0.0.1", stub.Port);
            }

            await using var gateway = await GatewayInstance.StartAsync(JsonSerializer.Serialize(new
            {
                Routes = Array.Empty<object>(),
                GlobalConfiguration = new { ServiceDiscoveryProvider = Provider(consul), LoadBalancerOptions = new { Type = "RoundRobin" } },
            }));

            var echo = await gateway.Client.GetFromJsonAsync<EchoResponse>("/product/?TestID=x");
            Assert.Equal("/?TestID=x", echo!.RawTarget);
            var nested = await gateway.Client.GetFromJsonAsync<EchoResponse>("/product/api/items/7?page=2");
            Assert.Equal("/api/items/7?page=2", nested!.RawTarget);

            foreach (var stub in stubs)
            {
                stub.Clear();
            }

            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/product/?TestID=x")).StatusCode);
            }

            Assert.All(stubs, s => Assert.Equal(10, s.Count));
        }
        finally
        {
            foreach (var stub in stubs)
            {
                await stub.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ServiceRegisteredLater_BecomesRoutable_UnknownServiceIs404()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(JsonSerializer.Serialize(new
        {
            Routes = Array.Empty<object>(),
            GlobalConfiguration = new { ServiceDiscoveryProvider = Provider(consul) },
        }));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/late/x")).StatusCode);

        consul.AddInstance("late", "late-1", "127.0.0.1", stub.Port);

        await Eventually.HoldsAsync(
            async () => (await gateway.Client.GetAsync("/late/x")).StatusCode == HttpStatusCode.OK, Deadline, "the new service gets a route");
        Assert.Equal("/x", stub.Received.Last().RawTarget);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/nobody/x")).StatusCode);
    }

    [Fact]
    public async Task DynamicRoutesEntry_OverridesGlobalOptions_ThroughTheSamePipelineSteps()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        consul.AddInstance("limited", "limited-1", "127.0.0.1", stub.Port);
        consul.AddInstance("open", "open-1", "127.0.0.1", stub.Port);
        await using var gateway = await GatewayInstance.StartAsync(JsonSerializer.Serialize(new
        {
            Routes = Array.Empty<object>(),
            DynamicRoutes = new[] { new { ServiceName = "limited", RateLimitRule = new { Limit = 1, Period = "1m" } } },
            GlobalConfiguration = new { ServiceDiscoveryProvider = Provider(consul), RequestIdKey = "X-Request-Id" },
        }));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "/limited/a")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(gateway, "/limited/a")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "/open/a")).StatusCode);
        }

        Assert.Contains(stub.Received, r => r.Headers.ContainsKey("X-Request-Id"));
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", "alice");
        return gateway.Client.SendAsync(request);
    }
}
