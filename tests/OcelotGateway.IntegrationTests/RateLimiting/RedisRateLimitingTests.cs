using System.Globalization;
using System.Net;
using StackExchange.Redis;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.RateLimiting;

/// <summary>Rate limits shared by a fleet through a real redis-server: exact totals, and graceful fallback when Redis goes away.</summary>
public sealed class RedisRateLimitingTests : IClassFixture<RedisServer>, IClassFixture<StubFixture>
{
    private readonly RedisServer _redis;
    private readonly DownstreamStub _stub;

    public RedisRateLimitingTests(RedisServer redis, StubFixture fixture)
    {
        _redis = redis;
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task TwoGatewaysHammeringConcurrently_LetThroughExactlyTheLimitInTotal()
    {
        var config = Routes(Route(_stub, "/fleet/{everything}", "/{everything}", new { RateLimitOptions = new { Limit = 50, Period = "1m" } }));
        var prefix = "fleet-" + Guid.NewGuid().ToString("N") + ":";
        await using var first = await GatewayInstance.StartAsync(config, o => _redis.UseFrom(o, prefix, patient: true));
        await using var second = await GatewayInstance.StartAsync(config, o => _redis.UseFrom(o, prefix, patient: true));
        _stub.Clear();

        var requests = Enumerable.Range(0, 300).Select(i => SendAsync(i % 2 == 0 ? first : second, "/fleet/x", "tenant-a"));
        var responses = await Task.WhenAll(requests);

        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(250, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(50, _stub.Count);
    }

    [Fact]
    public async Task RedisDown_FallsBackToInProcessLimiting_WithOneWarning_AndRecovers()
    {
        var logs = new CapturingLoggerProvider();
        var config = Routes(Route(_stub, "/outage/{everything}", "/{everything}", new { RateLimitOptions = new { Limit = 2, Period = "1m" } }));
        await using var gateway = await GatewayInstance.StartAsync(config, o =>
        {
            _redis.UseFrom(o, "outage-" + Guid.NewGuid().ToString("N") + ":");
            o.Logs = logs;
        });
        // Connected, and one request counted in Redis, so first-call costs are behind us: on a busy machine they can exceed the
        // 250 ms operation timeout and start an outage of their own, which this test is not about.
        await gateway.RedisInUseAsync("Redis in use");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "/outage/a", "c1")).StatusCode);
        await gateway.RedisInUseAsync("Redis in use after the first request");

        var seen = logs.Entries.Count;
        await _redis.StopAsync();
        try
        {
            var duringOutage = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                duringOutage.Add((await SendAsync(gateway, "/outage/a", "c2")).StatusCode);
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], duringOutage);
            Assert.Equal(1, logs.CountSince(seen, 300));
        }
        finally
        {
            await _redis.RestartAsync();
        }

        // Recovery has no event to await from outside: keep sending real traffic until the gateway reports Redis is back.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (logs.CountSince(seen, 301) == 0)
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, (await SendAsync(gateway, "/outage/a", "c3")).StatusCode);
            await Task.Delay(100, deadline.Token);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "/outage/a", "c4")).StatusCode);
        Assert.Equal(1, logs.CountSince(seen, 300));
        Assert.Equal(1, logs.CountSince(seen, 301));
    }

    [Fact]
    public async Task SixteenKilobyteClientIds_AreCountedUnderShortRedisKeys_AndStillLimited()
    {
        var config = Routes(Route(_stub, "/long/{everything}", "/{everything}", new { RateLimitOptions = new { Limit = 2, Period = "1m" } }));
        var prefix = "long-" + Guid.NewGuid().ToString("N") + ":";
        await using var gateway = await GatewayInstance.StartAsync(config, o => _redis.UseFrom(o, prefix, patient: true));
        var ids = Enumerable.Range(0, 20).Select(i => i.ToString(CultureInfo.InvariantCulture).PadLeft(16 * 1024, 'x')).ToArray();

        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "/long/a", id)).StatusCode);
        }

        var again = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            again.Add((await SendAsync(gateway, "/long/a", ids[0])).StatusCode);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var database = redis.GetDatabase();
        var keys = ((RedisResult[])(await database.ScriptEvaluateAsync("return redis.call('KEYS', ARGV[1])", values: [prefix + "*"]))!)
            .Select(k => (string)k!).ToArray();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], again);
        Assert.Equal(20, keys.Length);
        Assert.All(keys, key => Assert.True(key.Length < 200, $"Redis key of {key.Length} characters"));
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", clientId);
        return gateway.Client.SendAsync(request);
    }
}
