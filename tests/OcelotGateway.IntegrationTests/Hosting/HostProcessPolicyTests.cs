using System.Net;
using System.Text.Json;
using OcelotGateway.IntegrationTests.Aggregation;
using OcelotGateway.IntegrationTests.Discovery;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Hosting;

/// <summary>
/// The host process applying the policies that depend most on how it was built (route files bound by generated code,
/// Redis scripts, the response cache, aggregates, the metrics exporter, Consul's JSON for discovery and the configuration store). The normal run starts the built host; test.sh
/// runs these again against the native build (<c>OCELOT_GATEWAY_EXECUTABLE</c>, see <see cref="HostProcess"/>).
/// </summary>
public sealed class HostProcessPolicyTests : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer _redis;
    private readonly List<string> _folders = [];

    public HostProcessPolicyTests(RedisServer redis)
    {
        _redis = redis;
    }

    [Fact]
    public async Task CachedRoute_SecondAnswerIsAHitWithoutCallingDownstream_AndMetricsCountBoth()
    {
        var calls = 0;
        await using var stub = await DownstreamStub.StartAsync(context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls)));
        await using var host = StartHost(Routes(Route(stub, "/quotes/{symbol}", "/q/{symbol}", new { Key = "quotes", CacheOptions = new { TtlSeconds = 60 } })));
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        var first = await client.GetAsync("/quotes/msft");
        var second = await client.GetAsync("/quotes/msft");
        var metrics = await client.GetStringAsync("/metrics");

        Assert.Equal(("MISS", "v1"), (first.Headers.GetValues("X-Cache").Single(), await first.Content.ReadAsStringAsync()));
        Assert.Equal(("HIT", "v1"), (second.Headers.GetValues("X-Cache").Single(), await second.Content.ReadAsStringAsync()));
        Assert.Equal(1, stub.Count);
        Assert.Contains("gateway_requests_total{route=\"quotes\",method=\"GET\",status=\"200\"} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedRoute_InProcess_RefusesTheClientPastItsLimit_OtherClientsStillPass()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var host = StartHost(Routes(Route(stub, "/limited/{x}", "/{x}", new { RateLimitOptions = new { Limit = 2, Period = "1m" } })));
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        var statuses = new List<HttpStatusCode>();
        foreach (var clientId in new[] { "a", "a", "a", "b" })
        {
            statuses.Add((await SendAsync(client, "/limited/x", clientId)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task RateLimitedRoute_TwoHostsOnOneRedis_LetThroughTheLimitInTotal()
    {
        await using var stub = await DownstreamStub.StartAsync();
        var routes = Routes(Route(stub, "/fleet/{x}", "/{x}", new { RateLimitOptions = new { Limit = 4, Period = "1m" } }));
        var redis = new Dictionary<string, string>
        {
            ["Gateway__Redis__Configuration"] = _redis.Configuration,
            ["Gateway__Redis__KeyPrefix"] = "host-fleet-" + Guid.NewGuid().ToString("N") + ":",
            // About sharing, not outages: slow answers on a loaded machine must not turn into the in-process fallback.
            ["Gateway__Redis__OperationTimeout"] = "00:00:05",
        };
        await using var first = StartHost(routes, redis);
        await using var second = StartHost(routes, redis);
        using var firstClient = new HttpClient { BaseAddress = await first.ListeningAddressAsync() };
        using var secondClient = new HttpClient { BaseAddress = await second.ListeningAddressAsync() };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await SendAsync(i % 2 == 0 ? firstClient : secondClient, "/fleet/x", "tenant")).StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(4, stub.Count);
    }

    [Fact]
    public async Task Aggregate_CombinesTheRoutesAnswersUnderTheirKeys()
    {
        await using var company = await DownstreamStub.StartAsync(AggregateJson.Answer("""{"name":"Contoso"}"""));
        await using var scores = await DownstreamStub.StartAsync(AggregateJson.Answer("[1,2]"));
        await using var host = StartHost(AggregateJson.WithAggregates(
            [Route(company, "/company/{id}", "/c/{id}", new { Key = "company" }), Route(scores, "/scores/{id}", "/s/{id}", new { Key = "scores" })],
            new { UpstreamPathTemplate = "/profile/{id}", RouteKeys = new[] { "company", "scores" } }));
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        var response = await client.GetAsync("/profile/7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"company":{"name":"Contoso"},"scores":[1,2]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConsulRoute_FollowsThePassingInstances()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var a = await ConsulJson.NamedStubAsync("a");
        await using var b = await ConsulJson.NamedStubAsync("b");
        consul.AddInstance("stock", "stock-a", "127.0.0.1", a.Port);
        await using var host = StartHost(ConsulJson.ServiceConfiguration(
            ConsulJson.Provider(consul), ConsulJson.ServiceRoute("/stock/{everything}", "/{everything}", "stock")));
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        Assert.Equal(["a"], await ConsulJson.RespondersAsync(client, "/stock/x"));

        consul.AddInstance("stock", "stock-b", "127.0.0.1", b.Port);
        consul.SetStatus("stock-a", "critical");
        await Eventually.HoldsAsync(
            async () => (await ConsulJson.RespondersAsync(client, "/stock/x")).SetEquals(["b"]), TimeSpan.FromSeconds(5), "traffic follows to the passing instance b");
    }

    [Fact]
    public async Task ConsulConfigurationStore_SeedsTheKeyFromTheFolder_AndFollowsAChangedKey()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        string Configuration(string upstream) => JsonSerializer.Serialize(new
        {
            Routes = new[] { Route(stub, upstream, "/") },
            GlobalConfiguration = new { ServiceDiscoveryProvider = ConsulJson.Provider(consul) },
        });
        await using var host = StartHost(Configuration("/v1"), new Dictionary<string, string> { ["Gateway__ConfigurationSource"] = "Consul" });
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1")).StatusCode);
        Assert.Contains("/v1", consul.GetKey("InternalConfiguration"), StringComparison.Ordinal);

        consul.PutKey("InternalConfiguration", Configuration("/v2"));
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/v2")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5), "the host serves the changed key");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1")).StatusCode);
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private HostProcess StartHost(string ocelotJson, IReadOnlyDictionary<string, string>? settings = null)
    {
        var routes = Directory.CreateTempSubdirectory("gateway-host-routes-").FullName;
        _folders.Add(routes);
        File.WriteAllText(Path.Combine(routes, "ocelot.json"), ocelotJson);
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Gateway__ConfigFolder"] = routes };
        return HostProcess.Start(routes, environment);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", clientId);
        return client.SendAsync(request);
    }
}
