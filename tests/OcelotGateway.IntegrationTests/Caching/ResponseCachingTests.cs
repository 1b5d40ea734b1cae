using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Caching;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>Ocelot's output cache with the in-process store (reference §2.9, scenarios 28–30), request coalescing and limits.</summary>
public sealed class ResponseCachingTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public ResponseCachingTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task SecondRequest_IsAHit_WithStatusHeadersAndBodyRestoredExactly()
    {
        var calls = 0;
        _stub.Handler = async context =>
        {
            var call = Interlocked.Increment(ref calls);
            context.Response.StatusCode = StatusCodes.Status203NonAuthoritative;
            context.Response.Headers["X-Custom"] = new StringValues(["a", "b"]);
            context.Response.Headers.Expires = "Wed, 21 Oct 2037 07:28:00 GMT";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("body " + call);
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/cached", "/cached", new { CacheOptions = new { TtlSeconds = 100 } })));

        var miss = await gateway.Client.GetAsync("/cached");
        var hit = await gateway.Client.GetAsync("/cached");

        Assert.Equal(1, _stub.Count);
        Assert.Equal("MISS", miss.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        Assert.Equal("0", hit.Headers.GetValues("Age").Single());
        Assert.Equal(HttpStatusCode.NonAuthoritativeInformation, hit.StatusCode);
        Assert.Equal(["a", "b"], hit.Headers.GetValues("X-Custom"));
        Assert.Equal("text/plain; charset=utf-8", hit.Content.Headers.ContentType!.ToString());
        Assert.Equal(miss.Content.Headers.Expires, hit.Content.Headers.Expires);
        Assert.Equal("body 1", await hit.Content.ReadAsStringAsync());
        Assert.Equal(Encoding.UTF8.GetByteCount("body 1"), hit.Content.Headers.ContentLength);
        Assert.Equal("body 1", await miss.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AfterTtl_TheEntryExpires_AndAgeCountsUp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/ttl", "/ttl", new { CacheOptions = new { TtlSeconds = 10 } })),
            o => o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time));

        Assert.Equal("v1", await gateway.Client.GetStringAsync("/ttl"));
        time.Advance(TimeSpan.FromSeconds(9));
        var aged = await gateway.Client.GetAsync("/ttl");
        time.Advance(TimeSpan.FromSeconds(1));
        var expired = await gateway.Client.GetAsync("/ttl");

        Assert.Equal("v1", await aged.Content.ReadAsStringAsync());
        Assert.Equal("9", aged.Headers.GetValues("Age").Single());
        Assert.Equal("v2", await expired.Content.ReadAsStringAsync());
        Assert.Equal("MISS", expired.Headers.GetValues("X-Cache").Single());
    }

    [Fact]
    public async Task ConfiguredHeaderValue_IsPartOfTheKey()
    {
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/by-header", "/by-header", new { CacheOptions = new { TtlSeconds = 100, Header = "Authorization" } })));

        var first = await gateway.Client.GetStringAsync("/by-header");
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/by-header");
        withHeader.Headers.TryAddWithoutValidation("Authorization", "123");
        var second = await (await gateway.Client.SendAsync(withHeader)).Content.ReadAsStringAsync();
        var third = await gateway.Client.GetStringAsync("/by-header");

        Assert.Equal(["v1", "v2", "v1"], new[] { first, second, third });
    }

    [Theory]
    [InlineData(true, new[] { "A", "B", "A", "B" }, 2)]
    [InlineData(false, new[] { "A", "A", "A", "A" }, 1)]
    public async Task Post_WithContentHashing_KeysOnTheBody(bool hashing, string[] expected, int downstreamCalls)
    {
        _stub.Handler = async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await context.Response.WriteAsync(await reader.ReadToEndAsync());
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/echo", "/echo", new
        {
            UpstreamHttpMethod = PostOnly,
            CacheOptions = new { TtlSeconds = 100, EnableContentHashing = hashing },
        })));

        var bodies = new List<string>();
        foreach (var sent in new[] { "A", "B", "A", "B" })
        {
            var response = await gateway.Client.PostAsync("/echo", new StringContent(sent));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(expected, bodies);
        Assert.Equal(downstreamCalls, _stub.Count);
    }

    [Fact]
    public async Task GatewayErrors_AreNotCached_ButDownstreamErrorsAre()
    {
        await using var unreachable = await GatewayInstance.StartAsync(Routes(new Dictionary<string, object?>
        {
            ["UpstreamPathTemplate"] = "/down",
            ["DownstreamPathTemplate"] = "/down",
            ["DownstreamScheme"] = "http",
            ["DownstreamHostAndPorts"] = new[] { new { Host = "127.0.0.1", Port = ClosedPort() } },
            ["CacheOptions"] = new { TtlSeconds = 100 },
        }));
        _stub.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsync("downstream failed");
        };
        await using var failing = await GatewayInstance.StartAsync(Routes(Route(_stub, "/failing", "/failing", new { CacheOptions = new { TtlSeconds = 100 } })));

        var first502 = await unreachable.Client.GetAsync("/down");
        var second502 = await unreachable.Client.GetAsync("/down");
        await failing.Client.GetAsync("/failing");
        var cached500 = await failing.Client.GetAsync("/failing");

        Assert.Equal(HttpStatusCode.BadGateway, second502.StatusCode);
        Assert.Equal("MISS", first502.Headers.GetValues("X-Cache").Single());
        Assert.Equal("MISS", second502.Headers.GetValues("X-Cache").Single());
        Assert.Equal(HttpStatusCode.InternalServerError, cached500.StatusCode);
        Assert.Equal("HIT", cached500.Headers.GetValues("X-Cache").Single());
        Assert.Equal(1, _stub.Count);
    }

    [Fact]
    public async Task QoSTimeoutAnswer_IsNotCached()
    {
        var calls = 0;
        _stub.Handler = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            await context.Response.WriteAsync("in time");
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/slow", "/slow", new
        {
            CacheOptions = new { TtlSeconds = 100 },
            QoSOptions = new { Timeout = 1000 },
        })));

        var timedOut = await gateway.Client.GetAsync("/slow");
        var next = await gateway.Client.GetAsync("/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("MISS", next.Headers.GetValues("X-Cache").Single());
        Assert.Equal("in time", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyOverTheLimit_IsStreamedWhole_ButNotCached()
    {
        var big = new string('x', 5000);
        _stub.Handler = context => context.Response.WriteAsync(big);
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/big", "/big", new { CacheOptions = new { TtlSeconds = 100 } })),
            o => o.Settings["Gateway:Caching:MaxBodyBytes"] = "1000");

        var first = await gateway.Client.GetStringAsync("/big");
        var second = await gateway.Client.GetAsync("/big");

        Assert.Equal(big, first);
        Assert.Equal(big, await second.Content.ReadAsStringAsync());
        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task HundredConcurrentIdenticalMisses_MakeOneDownstreamCall()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Handler = async context =>
        {
            await release.Task;
            await context.Response.WriteAsync("shared");
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/hot", "/hot", new { CacheOptions = new { TtlSeconds = 100 } })));
        var coalescer = gateway.Services.GetRequiredService<ResponseCoalescer>();

        var requests = Enumerable.Range(0, 100).Select(_ => gateway.Client.GetAsync("/hot")).ToArray();
        // Hold the one downstream call until every other request is waiting for it (there is no other signal to await).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (coalescer.Waiting < 99)
        {
            await Task.Delay(10, deadline.Token);
        }

        release.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.Equal(1, _stub.Count);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())), body => Assert.Equal("shared", body));
        Assert.Equal(99, responses.Count(r => r.Headers.GetValues("X-Cache").Single() == "HIT"));
    }

    [Fact]
    public async Task WaitersOfAFailedLeader_GoDownstreamThemselves()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        _stub.Handler = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                context.Abort();
                return;
            }

            await context.Response.WriteAsync("own call");
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/flaky", "/flaky", new { CacheOptions = new { TtlSeconds = 100 } })));
        var coalescer = gateway.Services.GetRequiredService<ResponseCoalescer>();

        var leader = gateway.Client.GetAsync("/flaky");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (_stub.Count < 1)
        {
            await Task.Delay(10, deadline.Token);
        }

        var waiters = Enumerable.Range(0, 3).Select(_ => gateway.Client.GetAsync("/flaky")).ToArray();
        while (coalescer.Waiting < 3)
        {
            await Task.Delay(10, deadline.Token);
        }

        release.SetResult();

        Assert.Equal(HttpStatusCode.BadGateway, (await leader).StatusCode);
        var responses = await Task.WhenAll(waiters);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4, _stub.Count);
    }

    [Fact]
    public async Task LegacyFileCacheOptions_WinOverCacheOptions_AndGlobalOptionsApplyToTheirGroup()
    {
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
        await using var gateway = await GatewayInstance.StartAsync(OcelotJson.Document(
            [
                Route(_stub, "/legacy", "/legacy", new { CacheOptions = new { TtlSeconds = 0 }, FileCacheOptions = new { TtlSeconds = 100 } }),
                Route(_stub, "/grouped", "/grouped", new { Key = "grouped" }),
                Route(_stub, "/outside", "/outside", new { Key = "outside" }),
            ],
            new { CacheOptions = new { TtlSeconds = 100, RouteKeys = GroupedOnly } }));

        await gateway.Client.GetAsync("/legacy");
        var legacy = await gateway.Client.GetAsync("/legacy");
        await gateway.Client.GetAsync("/grouped");
        var grouped = await gateway.Client.GetAsync("/grouped");
        await gateway.Client.GetAsync("/outside");
        var outside = await gateway.Client.GetAsync("/outside");

        Assert.Equal("HIT", legacy.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", grouped.Headers.GetValues("X-Cache").Single());
        Assert.False(outside.Headers.Contains("X-Cache"));
    }

    [Fact]
    public async Task RegionClear_NeedsTheApiKey_AndEmptiesTheRegion()
    {
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("v" + Interlocked.Increment(ref calls));
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/a", "/a", new { CacheOptions = new { TtlSeconds = 100, Region = "stock" } }),
                Route(_stub, "/b", "/b", new { CacheOptions = new { TtlSeconds = 100, Region = "other" } }),
                Route(_stub, "/{everything}", "/{everything}")),
            o => o.Settings["Gateway:Administration:ApiKey"] = AdminKey);
        await gateway.Client.GetAsync("/a");
        await gateway.Client.GetAsync("/b");

        var anonymous = await gateway.Client.DeleteAsync("/administration/outputcache/stock");
        var wrongKey = await DeleteAsync(gateway, "/administration/outputcache/stock", "Authorization", "Bearer not-the-key-at-all!");
        var unknownWithoutKey = await gateway.Client.GetAsync("/administration/elsewhere");
        var cleared = await DeleteAsync(gateway, "/administration/outputcache/stock", "Authorization", "Bearer " + AdminKey);
        var viaApiKeyHeader = await DeleteAsync(gateway, "/administration/outputcache/nothing-here", "X-Api-Key", AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, viaApiKeyHeader.StatusCode);
        Assert.Equal("MISS", (await gateway.Client.GetAsync("/a")).Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", (await gateway.Client.GetAsync("/b")).Headers.GetValues("X-Cache").Single());
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task WithoutAnApiKey_TheAdministrationPathIsAnOrdinaryPath()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}")));

        var response = await gateway.Client.DeleteAsync("/administration/outputcache/stock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _stub.Count);
    }

    internal const string AdminKey = "test-admin-key-0123456789";

    private static readonly string[] PostOnly = ["Post"];
    private static readonly string[] GroupedOnly = ["grouped"];

    internal static Task<HttpResponseMessage> DeleteAsync(GatewayInstance gateway, string path, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return gateway.Client.SendAsync(request);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
