using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcelotGateway.Caching;
using OcelotGateway.LoadBalancing;
using OcelotGateway.RateLimiting;
using OcelotGateway.IntegrationTests.Infrastructure;
using Yarp.ReverseProxy.LoadBalancing;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Bounds;

/// <summary>
/// Every per-key structure fed by request input holds its bound when traffic drives past it, and the gateway keeps serving:
/// counted entries, not memory timings. Small bounds are set so a test drives well past them with a few hundred requests.
/// </summary>
public sealed class HostileTrafficBoundsTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public HostileTrafficBoundsTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = context => context.Response.WriteAsync("ok " + context.Request.Path);
        _stub.Clear();
    }

    [Fact]
    public async Task UniqueSixteenKilobyteClientIds_PastMaxCounters_StayBounded_WarnOnce_AndLimitingGoesOn()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/limited", "/limited", new { RateLimitOptions = new { Limit = 2, Period = "1m" } })),
            o =>
            {
                o.Settings["Gateway:RateLimiting:MaxCounters"] = "100";
                o.Logs = logs;
            });
        var counters = gateway.Services.GetRequiredService<MemoryRateLimitCounterStore>();

        for (var i = 0; i < 300; i++)
        {
            using var response = await SendAsync(gateway, "/limited", ("Oc-Client", HugeId(i)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(counters.Count, 1, 100);
        var warning = Assert.Single(logs.Entries, e => e.EventId == 900);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Gateway:RateLimiting:MaxCounters", warning.Message, StringComparison.Ordinal);
        Assert.True((await gateway.ScrapeAsync()).ValueOrZero("gateway_capacity_overflows_total", ("structure", "rate_limit_counters")) >= 200);
        var known = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(gateway, "/limited", ("Oc-Client", HugeId(-1)));
            known.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], known);
    }

    [Fact]
    public async Task UniqueSixteenKilobyteCookies_PastMaxStickySessions_StayBounded_AndSessionsStillPin()
    {
        await using var second = await DownstreamStub.StartAsync(context => context.Response.WriteAsync("second"));
        _stub.Handler = context => context.Response.WriteAsync("first");
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/app", "/app", new
            {
                DownstreamHostAndPorts = new[] { new { Host = "127.0.0.1", _stub.Port }, new { Host = "127.0.0.1", second.Port } },
                LoadBalancerOptions = new { Type = "CookieStickySessions", Key = "sid", Expiry = 600_000 },
            })),
            o => o.Settings["Gateway:LoadBalancing:MaxStickySessions"] = "50");
        var sessions = (CookieStickySessionPolicy)gateway.Services.GetServices<ILoadBalancingPolicy>().Single(p => p.Name == CookieStickySessionPolicy.PolicyName);

        for (var i = 0; i < 200; i++)
        {
            using var response = await SendAsync(gateway, "/app", ("Cookie", "sid=" + HugeId(i)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var pinned = new HashSet<string>();
        var unpinned = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            using var withCookie = await SendAsync(gateway, "/app", ("Cookie", "sid=known"));
            pinned.Add(await withCookie.Content.ReadAsStringAsync());
            using var withoutCookie = await SendAsync(gateway, "/app");
            unpinned.Add(await withoutCookie.Content.ReadAsStringAsync());
        }

        Assert.InRange(sessions.Count, 1, 50);
        Assert.True((await gateway.ScrapeAsync()).ValueOrZero("gateway_capacity_overflows_total", ("structure", "sticky_sessions")) >= 150);
        Assert.Single(pinned);
        Assert.Equal(["first", "second"], unpinned.Order());
    }

    [Fact]
    public async Task DistinctMisses_PastMaxInFlightKeys_GoDownstreamUncoalesced_AndAreStillCached()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Handler = async context =>
        {
            await release.Task;
            await context.Response.WriteAsync("page " + context.Request.Path);
        };
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/pages/{n}", "/pages/{n}", new { CacheOptions = new { TtlSeconds = 100 } })),
            o => o.Settings["Gateway:Caching:MaxInFlightKeys"] = "4");
        var coalescer = gateway.Services.GetRequiredService<ResponseCoalescer>();

        var misses = Enumerable.Range(0, 12).Select(n => gateway.Client.GetAsync("/pages/" + n)).ToArray();
        await Eventually.HoldsAsync(() => _stub.Count == 12, TimeSpan.FromSeconds(20), "all twelve misses reached downstream");
        var inFlight = coalescer.InFlight;
        release.SetResult();
        var responses = await Task.WhenAll(misses);
        var again = await Task.WhenAll(Enumerable.Range(0, 12).Select(n => gateway.Client.GetAsync("/pages/" + n)));

        Assert.Equal(4, inFlight);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(again, r => Assert.Equal("HIT", r.Headers.GetValues("X-Cache").Single()));
        Assert.Equal(0, coalescer.InFlight);
        Assert.Equal(8, (await gateway.ScrapeAsync()).ValueOrZero("gateway_capacity_overflows_total", ("structure", "cache_coalescing")));
    }

    [Fact]
    public async Task DistinctUrls_PastTheMemoryBudget_StayWithinIt_AndTheCacheKeepsServing()
    {
        var body = new string('b', 1000);
        _stub.Handler = context => context.Response.WriteAsync(body);
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/items/{n}", "/items/{n}", new { CacheOptions = new { TtlSeconds = 100 } })),
            o => o.Settings["Gateway:Caching:MemoryLimitBytes"] = "32768");
        var store = gateway.Services.GetRequiredService<MemoryCacheStore>();

        for (var n = 0; n < 200; n++)
        {
            using var response = await gateway.Client.GetAsync("/items/" + n);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var latest = await gateway.Client.GetAsync("/items/199");
        using var oldest = await gateway.Client.GetAsync("/items/0");

        Assert.InRange(store.Size, 1, 32768);
        Assert.InRange(store.Count, 1, 31);
        Assert.Equal("HIT", latest.Headers.GetValues("X-Cache").Single());
        Assert.Equal(body, await latest.Content.ReadAsStringAsync());
        Assert.Equal("MISS", oldest.Headers.GetValues("X-Cache").Single());
    }

    /// <summary>A client id or cookie of 16 KB, unique per <paramref name="n"/>, as in the flood that grew memory by 900 MB.</summary>
    private static string HugeId(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(16 * 1024, 'x');

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return gateway.Client.SendAsync(request);
    }
}
