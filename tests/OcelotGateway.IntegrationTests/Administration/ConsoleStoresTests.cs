using System.Text.Json.Nodes;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Administration;

/// <summary>The console's view of the stores against a real redis-server: available, then out, with the counters kept meanwhile.</summary>
public sealed class ConsoleStoresTests : IClassFixture<RedisServer>, IClassFixture<StubFixture>
{
    private const string AdminKey = "admin-key-for-tests-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly RedisServer _redis;
    private readonly DownstreamStub _stub;

    public ConsoleStoresTests(RedisServer redis, StubFixture fixture)
    {
        _redis = redis;
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task Status_RedisAvailableThenOut_CountersKeptHereMeanwhileAreCounted_WithBoundsAndReplies()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/orders", "/orders", new { RateLimitOptions = new { Limit = 1000, Period = "1m" } })),
            o =>
            {
                o.Settings["Gateway:Administration:ApiKey"] = AdminKey;
                o.Settings["Gateway:Redis:OperationTimeout"] = "00:00:00.250";
                _redis.UseFrom(o, "console-" + Guid.NewGuid().ToString("N"));
            });

        await Eventually.HoldsAsync(
            async () => await CountedAsync(gateway) && (await StatusAsync(gateway))["redis"]?["available"]?.GetValue<bool>() == true,
            Patience,
            "Redis is in use");
        var shared = await StatusAsync(gateway);
        await _redis.StopAsync();
        await Eventually.HoldsAsync(
            async () => await CountedAsync(gateway) && (await StatusAsync(gateway))["redis"]!["available"]!.GetValue<bool>() == false,
            Patience,
            "the outage is seen");
        var outage = await StatusAsync(gateway);

        Assert.Equal("redis", shared["rateLimitCounters"]!["kind"]!.GetValue<string>());
        Assert.Null(shared["rateLimitCounters"]!["entries"]);
        Assert.Equal("redis", outage["rateLimitCounters"]!["kind"]!.GetValue<string>());
        Assert.True(outage["rateLimitCounters"]!["entries"]!.GetValue<int>() >= 1, outage.ToJsonString());
        var counters = outage["capacity"]!.AsArray().Single(c => c!["structure"]!.GetValue<string>() == "rate_limit_counters")!;
        Assert.Equal("Gateway:RateLimiting:MaxCounters", counters["setting"]!.GetValue<string>());
        Assert.Equal(100_000, counters["limit"]!.GetValue<int>());
        Assert.Equal(0, outage["asyncReplies"]!["pending"]!.GetValue<int>());
        Assert.True(outage["asyncReplies"]!["maxPending"]!.GetValue<int>() > 0);
    }

    /// <summary>One counted request (a client id, so the rate limiter counts it); true when the gateway forwarded it.</summary>
    private static async Task<bool> CountedAsync(GatewayInstance gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Oc-Client", "console-test");
        using var response = await gateway.Client.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private static async Task<JsonNode> StatusAsync(GatewayInstance gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/administration/console/status");
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await gateway.Client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
