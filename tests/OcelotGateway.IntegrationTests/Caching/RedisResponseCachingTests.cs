using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>The response cache shared by a fleet through a real redis-server: sharing, region clears, and Redis outages.</summary>
public sealed class RedisResponseCachingTests : IClassFixture<RedisServer>, IClassFixture<StubFixture>
{
    private readonly RedisServer _redis;
    private readonly DownstreamStub _stub;

    public RedisResponseCachingTests(RedisServer redis, StubFixture fixture)
    {
        _redis = redis;
        _stub = fixture.Stub;
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
        _stub.Clear();
    }

    [Fact]
    public async Task TwoInstances_ShareEntries_AndARegionClearOnOneEmptiesItForBoth()
    {
        var config = Routes(Route(_stub, "/shared", "/shared", new { CacheOptions = new { TtlSeconds = 100, Region = "shared" } }));
        var prefix = "cache-" + Guid.NewGuid().ToString("N") + ":";
        await using var first = await GatewayInstance.StartAsync(config, o => UseRedis(o, prefix, patient: true));
        await using var second = await GatewayInstance.StartAsync(config, o => UseRedis(o, prefix, patient: true));

        // Behind a load balancer both instances see the public host name; it is forwarded (X-Forwarded-Host) and so keyed.
        var missOnFirst = await GetViaPublicHostAsync(first, "/shared");
        var hitOnSecond = await GetViaPublicHostAsync(second, "/shared");
        var withoutKey = await second.Client.DeleteAsync("/administration/outputcache/shared");
        var cleared = await ResponseCachingTests.DeleteAsync(second, "/administration/outputcache/shared", "Authorization", "Bearer " + ResponseCachingTests.AdminKey);
        var afterClear = await GetViaPublicHostAsync(first, "/shared");

        Assert.Equal("MISS", missOnFirst.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", hitOnSecond.Headers.GetValues("X-Cache").Single());
        Assert.Equal("v1", await hitOnSecond.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal("MISS", afterClear.Headers.GetValues("X-Cache").Single());
        Assert.Equal("v2", await afterClear.Content.ReadAsStringAsync());
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task RedisDown_ServesWithoutTheCache_WithOneWarning_AndRecovers()
    {
        var logs = new CapturingLoggerProvider();
        var config = Routes(
            Route(_stub, "/outage", "/outage", new { CacheOptions = new { TtlSeconds = 100 } }),
            Route(_stub, "/warm", "/warm", new { CacheOptions = new { TtlSeconds = 100 } }));
        await using var gateway = await GatewayInstance.StartAsync(config, o =>
        {
            UseRedis(o, "cache-outage-" + Guid.NewGuid().ToString("N") + ":");
            o.Logs = logs;
        });
        // Connected, and a cached response stored once, so first-call costs are behind us: on a busy machine they can exceed
        // the 250 ms operation timeout and start an outage of their own, which this test is not about.
        await gateway.RedisInUseAsync("Redis in use");
        await gateway.Client.GetAsync("/warm");
        await gateway.RedisInUseAsync("Redis in use after the warm-up");
        await gateway.Client.GetAsync("/outage");
        Assert.Equal("HIT", (await gateway.Client.GetAsync("/outage")).Headers.GetValues("X-Cache").Single());

        var seen = logs.Entries.Count;
        await _redis.StopAsync();
        try
        {
            var during = new List<HttpResponseMessage>();
            for (var i = 0; i < 3; i++)
            {
                during.Add(await gateway.Client.GetAsync("/outage"));
            }

            Assert.All(during, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.All(during, r => Assert.Equal("MISS", r.Headers.GetValues("X-Cache").Single()));
            Assert.Equal(1, logs.CountSince(seen, 300));
            var clear = await ResponseCachingTests.DeleteAsync(gateway, "/administration/outputcache/x", "X-Api-Key", ResponseCachingTests.AdminKey);
            Assert.Equal(HttpStatusCode.Accepted, clear.StatusCode);
        }
        finally
        {
            await _redis.RestartAsync();
        }

        // Real traffic goes on while Redis comes back, until the gateway reports it back.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (logs.CountSince(seen, 301) == 0)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/outage")).StatusCode);
            await Task.Delay(100, deadline.Token);
        }

        // Once reported back, Redis serves the very next requests (the first stores, the second reads): no second outage.
        await gateway.Client.GetAsync("/outage");
        Assert.Equal("HIT", (await gateway.Client.GetAsync("/outage")).Headers.GetValues("X-Cache").Single());
        Assert.Equal(1, logs.CountSince(seen, 300));
        Assert.Equal(1, logs.CountSince(seen, 301));
    }

    [Fact]
    public async Task AsyncReply_AcceptedByOneInstance_IsPolledOnAnother_AndAnIdenticalPendingOneIsNotStartedTwice()
    {
        var config = Routes(Route(_stub, "/report", "/report", new { AsyncRequestReply = new { TtlSeconds = 30 } }));
        var prefix = "reply-" + Guid.NewGuid().ToString("N") + ":";
        await using var first = await GatewayInstance.StartAsync(config, o => UseRedis(o, prefix, patient: true));
        await using var second = await GatewayInstance.StartAsync(config, o => UseRedis(o, prefix, patient: true));
        var stored = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.Services.GetRequiredService<AsyncReplyWorker>().Stored += key => stored.TrySetResult(key);
        // Downstream answers only once both requests are in: identical requests share a call while it is pending.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = _stub.Handler;
        _stub.Handler = async context =>
        {
            await release.Task;
            await answer(context);
        };

        var accepted = await SendAsync(first, "/report", "c1");
        var again = await SendAsync(second, "/report", "c1");
        release.SetResult();
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var polled = await SendAsync(second, accepted.Headers.Location!.OriginalString, "c1");
        var otherClient = await SendAsync(second, accepted.Headers.Location!.OriginalString, "c2");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(accepted.Headers.Location, again.Headers.Location);
        Assert.Equal(0, second.Services.GetRequiredService<AsyncReplyWorker>().InProgress);
        Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        Assert.Equal("v1", await polled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);
        Assert.Equal(1, _stub.Count);
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", clientId);
        return gateway.Client.SendAsync(request);
    }

    /// <summary>Redis under the prefix, and the administration key the region-clear calls use.</summary>
    private void UseRedis(GatewayOptionsBuilder options, string prefix, bool patient = false)
    {
        _redis.UseFrom(options, prefix, patient);
        options.Settings["Gateway:Administration:ApiKey"] = ResponseCachingTests.AdminKey;
    }

    private static Task<HttpResponseMessage> GetViaPublicHostAsync(GatewayInstance gateway, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "api.example.test";
        return gateway.Client.SendAsync(request);
    }
}
