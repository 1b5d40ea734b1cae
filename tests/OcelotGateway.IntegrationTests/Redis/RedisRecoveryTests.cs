using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Redis;

/// <summary>
/// Redis is reported back (event 301) only once requests use it again. StackExchange.Redis reassesses the server whenever
/// one of its two connections (commands, pub/sub) drops or comes back; a reassessment begun while the command connection
/// was down can still mark the server unusable after that connection is back and answering, if the pub/sub connection is
/// late. Real redis-server, behind a relay that plays the network.
/// </summary>
public sealed class RedisRecoveryTests : IClassFixture<RedisServer>, IClassFixture<StubFixture>
{
    private readonly RedisServer _redis;
    private readonly DownstreamStub _stub;

    public RedisRecoveryTests(RedisServer redis, StubFixture fixture)
    {
        _redis = redis;
        _stub = fixture.Stub;
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
    }

    [Fact]
    public async Task LinkBackWhileTheClientStillReassesses_RecoveryIsReportedOnceRequestsUseRedis_AndTheNextRequestIsServedFromIt()
    {
        await using var link = new RedisLink(_redis);
        var logs = new CapturingLoggerProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/cached/{k}", "/{k}", new { CacheOptions = new { TtlSeconds = 300 } })),
            o =>
            {
                o.Settings["Gateway:Redis:Configuration"] = link.Configuration;
                o.Settings["Gateway:Redis:KeyPrefix"] = "recovery-" + Guid.NewGuid().ToString("N") + ":";
                o.Logs = logs;
            });
        var redis = await gateway.RedisInUseAsync("Redis in use");
        var client = (await redis.GetSubscriberAsync(CancellationToken.None)).Multiplexer;
        var seen = logs.Entries.Count;
        var reassessed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConfigurationChanged += (_, _) => reassessed.TrySetResult();

        // The client reassesses the server as the link breaks; its connections come back at once and wait in the relay.
        link.CutAndHold();
        await Eventually.HoldsAsync(() => logs.CountSince(seen, 300) == 1, TimeSpan.FromSeconds(10), "outage reported");
        await link.WaitForConnectionAsync(pubSub: false, TimeSpan.FromSeconds(10));
        link.Release(pubSub: false);
        await Eventually.HoldsAsync(() => logs.CountSince(seen, 301) == 1, TimeSpan.FromSeconds(20), "recovery reported");
        // The reassessment begun while the command connection was down is over: whatever it found, requests live with it now.
        await reassessed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var first = await gateway.Client.GetAsync("/cached/after");
        var second = await gateway.Client.GetAsync("/cached/after");
        link.Release(pubSub: true);

        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, logs.CountSince(seen, 300));
        Assert.Equal(1, logs.CountSince(seen, 301));
    }
}
