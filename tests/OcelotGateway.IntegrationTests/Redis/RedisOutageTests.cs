using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using OcelotGateway.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Redis;

/// <summary>
/// The Redis outage guarantee, against a real redis-server killed (SIGKILL) or frozen (SIGSTOP) under concurrent traffic: no
/// request waits longer than the operation timeout plus a margin, no 5xx, one warning and one recovery line per outage, and
/// shared state used again once Redis is back.
/// </summary>
public sealed class RedisOutageTests : IClassFixture<RedisServer>, IClassFixture<StubFixture>
{
    private const string AdminKey = "test-admin-key-0123456789";
    private const int Cycles = 12;

    /// <summary>The configured Redis operation timeout: short, so an outage is found quickly.</summary>
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// What a request may take beyond the Redis timeout: the gateway's own work and the downstream stub's, on a 2-core machine
    /// shared with other builds and with this test's own clients. The stall this guards against lasted seconds.
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1000);

    private readonly RedisServer _redis;
    private readonly DownstreamStub _stub;
    private readonly ITestOutputHelper _output;

    public RedisOutageTests(RedisServer redis, StubFixture fixture, ITestOutputHelper output)
    {
        _redis = redis;
        _stub = fixture.Stub;
        _output = output;
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
    }

    [Fact]
    public async Task KilledOrFrozenAtRandomUnderTraffic_NoRequestWaitsPastTheTimeout_No5xx_OneWarningAndOneRecoveryPerOutage()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REDIS_CHAOS_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : 7319;
        _output.WriteLine($"seed {seed} (set REDIS_CHAOS_SEED to replay)");
        var random = new Random(seed);
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);
        await WarmUpAsync(gateway);

        var results = new ConcurrentQueue<Outcome>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 6).Select(i => Task.Run(() => TrafficAsync(gateway, new Random(seed + i + 1), results, stop.Token))).ToArray();
        var modes = new List<string>();
        try
        {
            for (var cycle = 1; cycle <= Cycles; cycle++)
            {
                await Task.Delay(random.Next(100, 800));
                var freeze = random.Next(3) == 0;
                modes.Add(freeze ? "freeze" : "kill");
                await (freeze ? _redis.PauseAsync() : _redis.StopAsync());
                try
                {
                    await Eventually.HoldsAsync(() => Count(logs, 300) >= cycle, TimeSpan.FromSeconds(10), $"outage {cycle} ({modes[^1]}) noticed");
                    await Task.Delay(random.Next(100, 800));
                }
                finally
                {
                    await (freeze ? _redis.ResumeAsync() : _redis.RestartAsync());
                }

                await Eventually.HoldsAsync(() => Count(logs, 301) >= cycle, TimeSpan.FromSeconds(20), $"recovery {cycle} ({modes[^1]}) reported");
                await AssertSharedStateUsedAgainAsync(gateway, cycle);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        var all = results.ToArray();
        var slowest = all.MaxBy(o => o.Elapsed);
        _output.WriteLine($"{string.Join(", ", modes)}; {all.Length} requests; slowest {slowest.Elapsed.TotalMilliseconds:0} ms ({slowest.What} {slowest.Status}); "
            + string.Join(", ", all.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.All(all, o => Assert.True(o.Status is > 0 and < 500, $"{o.What} answered {o.Status}"));
        Assert.All(all, o => Assert.True(o.Elapsed <= OperationTimeout + Margin, $"{o.What} took {o.Elapsed.TotalMilliseconds:0} ms"));
        Assert.Equal(Cycles, Count(logs, 300));
        Assert.Equal(Cycles, Count(logs, 301));
        var otherWarnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.EventId != 300).Select(e => $"{e.EventId} {e.Message}").ToList();
        Assert.True(otherWarnings.Count == 0, string.Join("\n", otherWarnings));
        // Every kind of request ran while Redis was out and while it was up.
        Assert.All(["cached", "limited", "both", "report", "poll", "clear"], kind => Assert.Contains(all, o => o.What == kind));
        Assert.Contains(all, o => o.What == "clear" && o.Status == 202);
        Assert.Contains(all, o => o.What == "report" && o.Status == 200);
    }

    [Fact]
    public async Task RegionClearedWhileRedisIsFrozen_IsDoneBeforeTheCacheIsReadAgain()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);
        await gateway.RedisInUseAsync("connected");
        var before = await gateway.Client.GetAsync("/cached/frozen");
        var hit = await gateway.Client.GetAsync("/cached/frozen");

        await _redis.PauseAsync();
        HttpResponseMessage during;
        HttpResponseMessage cleared;
        try
        {
            during = await gateway.Client.GetAsync("/cached/frozen");
            await Eventually.HoldsAsync(() => Count(logs, 300) == 1, TimeSpan.FromSeconds(10), "outage noticed");
            cleared = await DeleteRegionAsync(gateway);
        }
        finally
        {
            await _redis.ResumeAsync();
        }

        await Eventually.HoldsAsync(() => Count(logs, 301) == 1, TimeSpan.FromSeconds(10), "recovery reported");
        var after = await gateway.Client.GetAsync("/cached/frozen");
        var afterHit = await gateway.Client.GetAsync("/cached/frozen");

        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await before.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal("MISS", during.Headers.GetValues("X-Cache").Single());
        Assert.Equal(HttpStatusCode.Accepted, cleared.StatusCode);
        Assert.Contains("\"deferred\"", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The entry stored before the freeze survived it in Redis; the deferred clear removed it before any read.
        Assert.Equal("MISS", after.Headers.GetValues("X-Cache").Single());
        Assert.NotEqual(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
        Assert.Equal("HIT", afterHit.Headers.GetValues("X-Cache").Single());
    }

    /// <summary>
    /// Killed, connecting is refused at once; frozen, a connection is accepted and never answered, as with a host that
    /// drops packets. Either way requests do not wait for the first connection, which is what could keep every request
    /// waiting for seconds, silently, before.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedisOutAtStartUp_ServesAtOnceWithoutIt_WarnsOnce_AndUsesItWhenItArrives(bool frozen)
    {
        var logs = new CapturingLoggerProvider();
        await (frozen ? _redis.PauseAsync() : _redis.StopAsync());
        try
        {
            await using var gateway = await StartAsync(logs);
            var timings = new ConcurrentQueue<Outcome>();
            var first = await TimedAsync("cached", () => gateway.Client.GetAsync("/cached/startup"), timings);
            var second = await TimedAsync("cached", () => gateway.Client.GetAsync("/cached/startup"), timings);
            var report = await TimedAsync("report", () => SendAsync(gateway, HttpMethod.Get, "/report/startup"), timings);
            await Eventually.HoldsAsync(() => Count(logs, 300) == 1, TimeSpan.FromSeconds(10), "outage reported");

            await (frozen ? _redis.ResumeAsync() : _redis.RestartAsync());
            await Eventually.HoldsAsync(() => Count(logs, 301) == 1, TimeSpan.FromSeconds(20), "recovery reported");
            await gateway.Client.GetAsync("/cached/startup");
            var hit = await gateway.Client.GetAsync("/cached/startup");

            Assert.All(timings, o => Assert.True(o.Elapsed <= OperationTimeout + Margin, $"{o.What} took {o.Elapsed.TotalMilliseconds:0} ms"));
            Assert.Equal(HttpStatusCode.OK, first!.StatusCode);
            Assert.Equal("MISS", second!.Headers.GetValues("X-Cache").Single());
            Assert.Equal(HttpStatusCode.OK, report!.StatusCode);
            Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
            Assert.Equal(1, Count(logs, 300));
        }
        finally
        {
            await _redis.RestartAsync();
        }
    }

    private Task<GatewayInstance> StartAsync(CapturingLoggerProvider logs) =>
        GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/cached/{k}", "/{k}", new { CacheOptions = new { TtlSeconds = 300, Region = "chaos" } }),
                Route(_stub, "/limited/{k}", "/{k}", new { RateLimitOptions = new { Limit = 1_000_000, Period = "1s" } }),
                Route(_stub, "/both/{k}", "/{k}", new { CacheOptions = new { TtlSeconds = 300, Region = "chaos" }, RateLimitOptions = new { Limit = 1_000_000, Period = "1s" } }),
                Route(_stub, "/report/{k}", "/{k}", new { AsyncRequestReply = new { TtlSeconds = 10 } }),
                Route(_stub, "/check/{k}", "/{k}", new { CacheOptions = new { TtlSeconds = 300, Region = "check" } })),
            o =>
            {
                _redis.UseFrom(o, "chaos-" + Guid.NewGuid().ToString("N") + ":");
                o.Settings["Gateway:Redis:OperationTimeout"] = OperationTimeout.ToString();
                o.Settings["Gateway:Redis:ProbeInterval"] = "00:00:00.100";
                o.Settings["Gateway:Administration:ApiKey"] = AdminKey;
                // Bounds far above what the traffic needs: this test is about Redis, not about refusals.
                o.Settings["Gateway:AsyncRequestReply:MaxPending"] = "4096";
                o.Settings["Gateway:AsyncRequestReply:MaxPendingPerClient"] = "4096";
                o.Settings["Gateway:AsyncRequestReply:MaxStoredReplies"] = "1000000";
                o.Logs = logs;
            });

    /// <summary>Connected, and each kind of request has run once, so first-call costs (JIT, connection pools) are behind us.</summary>
    private static async Task WarmUpAsync(GatewayInstance gateway)
    {
        await gateway.RedisInUseAsync("connected");
        await SendAsync(gateway, HttpMethod.Get, "/cached/warm");
        await SendAsync(gateway, HttpMethod.Get, "/limited/warm");
        await SendAsync(gateway, HttpMethod.Get, "/both/warm");
        var accepted = await SendAsync(gateway, HttpMethod.Get, "/report/warm");
        await SendAsync(gateway, HttpMethod.Get, accepted.Headers.Location!.OriginalString);
        await DeleteRegionAsync(gateway);
    }

    private static async Task TrafficAsync(GatewayInstance gateway, Random random, ConcurrentQueue<Outcome> results, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var pick = random.Next(20);
            var (what, method, path) = pick switch
            {
                < 6 => ("cached", HttpMethod.Get, "/cached/k" + random.Next(16)),
                < 10 => ("limited", HttpMethod.Get, "/limited/k"),
                < 13 => ("both", HttpMethod.Get, "/both/k" + random.Next(16)),
                < 19 => ("report", HttpMethod.Get, "/report/k" + random.Next(100_000)),
                _ => ("clear", HttpMethod.Delete, "/administration/outputcache/chaos"),
            };
            var response = await TimedAsync(what, () => what == "clear" ? DeleteRegionAsync(gateway) : SendAsync(gateway, method, path), results);
            if (response?.StatusCode == HttpStatusCode.Accepted && what == "report")
            {
                await TimedAsync("poll", () => SendAsync(gateway, HttpMethod.Get, response.Headers.Location!.OriginalString), results);
            }
        }
    }

    private static async Task<HttpResponseMessage?> TimedAsync(string what, Func<Task<HttpResponseMessage>> send, ConcurrentQueue<Outcome> results)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await send();
            await response.Content.LoadIntoBufferAsync();
            results.Enqueue(new Outcome(what, (int)response.StatusCode, Stopwatch.GetElapsedTime(started)));
            return response;
        }
        catch (HttpRequestException)
        {
            results.Enqueue(new Outcome(what, -1, Stopwatch.GetElapsedTime(started)));
            return null;
        }
    }

    /// <summary>After a recovery a new entry is stored in Redis and read back, and asynchronous requests are accepted again.</summary>
    private static async Task AssertSharedStateUsedAgainAsync(GatewayInstance gateway, int cycle)
    {
        // A route of its own: the traffic's region clears must not empty it between the two calls.
        await gateway.Client.GetAsync("/check/after-" + cycle);
        var hit = await gateway.Client.GetAsync("/check/after-" + cycle);
        var report = await SendAsync(gateway, HttpMethod.Get, "/report/after-" + cycle);

        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Oc-Client", "chaos");
        return gateway.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> DeleteRegionAsync(GatewayInstance gateway)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/administration/outputcache/chaos");
        request.Headers.Add("X-Api-Key", AdminKey);
        return gateway.Client.SendAsync(request);
    }

    private static int Count(CapturingLoggerProvider logs, int eventId) => logs.Entries.Count(e => e.EventId == eventId);

    private readonly record struct Outcome(string What, int Status, TimeSpan Elapsed);
}
