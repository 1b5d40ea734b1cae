using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>
/// The bounds of asynchronous request-reply, driven past each one over real sockets against a real slow downstream: 429 per
/// client, 503 per instance and for kept replies, both with <c>Retry-After</c>; background calls queue behind
/// <c>MaxConcurrentCalls</c>; and everything is accepted again once work finishes or replies expire.
/// </summary>
public sealed class AsyncReplyBoundsTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _mostRunning;

    public AsyncReplyBoundsTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
        _stub.Handler = async context =>
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostRunning, now);
            try
            {
                await _release.Task;
                await context.Response.WriteAsync("done " + context.Request.Path);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        };
    }

    [Fact]
    public async Task PastTheClientBound_429WithRetryAfter_WhileOthersAndDuplicatesAreAccepted_AndAgainOnceDone()
    {
        await using var gateway = await StartAsync(("MaxPendingPerClient", "3"));

        var mine = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => SendAsync(gateway, "/slow/" + i, "client-a")));
        var fourth = await SendAsync(gateway, "/slow/3", "client-a");
        var duplicate = await SendAsync(gateway, "/slow/0", "client-a");
        var otherClient = await SendAsync(gateway, "/slow/3", "client-b");
        _release.SetResult();
        await WhenIdleAsync(gateway);
        var afterwards = await SendAsync(gateway, "/slow/3", "client-a");
        await WhenIdleAsync(gateway);

        Assert.All(mine, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("1", fourth.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", fourth.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MaxPendingPerClient", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
        Assert.Equal(mine[0].Headers.Location, duplicate.Headers.Location);
        Assert.Equal(HttpStatusCode.Accepted, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.Equal(5, _stub.Count);
    }

    [Fact]
    public async Task PastTheInstanceBound_503WithRetryAfter_AndAcceptedAgainOnceDone()
    {
        await using var gateway = await StartAsync(("MaxPending", "4"), ("MaxPendingPerClient", "2"), ("MaxStoredReplies", "100"));

        var accepted = await Task.WhenAll(
            SendAsync(gateway, "/slow/1", "a"), SendAsync(gateway, "/slow/2", "a"), SendAsync(gateway, "/slow/1", "b"), SendAsync(gateway, "/slow/2", "b"));
        var refused = await SendAsync(gateway, "/slow/1", "c");
        _release.SetResult();
        await WhenIdleAsync(gateway);
        var afterwards = await SendAsync(gateway, "/slow/1", "c");

        Assert.All(accepted, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("MaxPending", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
    }

    [Fact]
    public async Task ManyAcceptedRequests_ReachTheDownstreamAtMostMaxConcurrentCallsAtATime_AndAllFinish()
    {
        await using var gateway = await StartAsync(("MaxConcurrentCalls", "3"), ("MaxPendingPerClient", "40"), ("MaxPending", "40"));
        var stored = StoredReplies.CountAsync(gateway, 24);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => SendAsync(gateway, "/slow/" + i, "client-a")));
        await Eventually.HoldsAsync(() => Volatile.Read(ref _running) == 3, TimeSpan.FromSeconds(20), "three calls running");
        var runningBeforeRelease = _stub.Count;
        _release.SetResult();
        await stored.WaitAsync(TimeSpan.FromSeconds(30));
        var last = await PollAsync(gateway, accepted[^1], "client-a");

        Assert.All(accepted, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(3, runningBeforeRelease);
        Assert.Equal(3, Volatile.Read(ref _mostRunning));
        Assert.Equal(24, _stub.Count);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("done /slow/23", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PastTheKeptRepliesBound_503UntilTheFirstExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _release.SetResult();
        await using var gateway = await StartAsync(time, ("MaxPending", "2"), ("MaxPendingPerClient", "2"), ("MaxStoredReplies", "2"));
        var stored = StoredReplies.CountAsync(gateway, 2);

        await SendAsync(gateway, "/slow/1", "a");
        await SendAsync(gateway, "/slow/2", "b");
        await stored.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(3));
        var refused = await SendAsync(gateway, "/slow/3", "c");
        time.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = await SendAsync(gateway, "/slow/3", "c");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("MaxStoredReplies", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, afterExpiry.StatusCode);
    }

    [Fact]
    public async Task ReplyOverTheSizeLimit_IsA502_RepliesBeyondTheByteBudgetAre503s_ThenRequestsAreRefusedWithRetryAfter()
    {
        _release.SetResult();
        _stub.Handler = context => context.Response.WriteAsync(new string('x', context.Request.Path == "/slow/huge" ? 5000 : 900));
        await using var gateway = await StartAsync(("MaxResponseBodyBytes", "1000"), ("MaxStoredBytes", "1600"), ("MaxPendingPerClient", "1"));
        var huge = await SendAndWaitAsync(gateway, "/slow/huge");
        var fits = await SendAndWaitAsync(gateway, "/slow/fits");
        var replies = new List<HttpResponseMessage>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12 && refused is null; i++)
        {
            var response = await SendAndWaitAsync(gateway, "/slow/more-" + i);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                replies.Add(await PollAsync(gateway, response, "a"));
            }
            else
            {
                refused = response;
            }
        }

        var hugeReply = await PollAsync(gateway, huge, "a");
        Assert.Equal(HttpStatusCode.BadGateway, hugeReply.StatusCode);
        Assert.Contains("MaxResponseBodyBytes", await hugeReply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(900, (await (await PollAsync(gateway, fits, "a")).Content.ReadAsStringAsync()).Length);
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.All(replies, r => Assert.Equal("1", r.Headers.GetValues("Retry-After").Single()));
        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("MaxStoredBytes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Until the first kept reply expires: at most its 5 s lifetime.
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 5);
    }

    private Task<GatewayInstance> StartAsync(params (string Name, string Value)[] settings) => StartAsync(null, settings);

    private Task<GatewayInstance> StartAsync(FakeTimeProvider? time, params (string Name, string Value)[] settings) =>
        GatewayInstance.StartAsync(Routes(Route(_stub, "/slow/{id}", "/slow/{id}", new { AsyncRequestReply = new { TtlSeconds = 5 } })), o =>
        {
            foreach (var (name, value) in settings)
            {
                o.Settings["Gateway:AsyncRequestReply:" + name] = value;
            }

            if (time is not null)
            {
                o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time);
            }
        });

    private static async Task WhenIdleAsync(GatewayInstance gateway)
    {
        var worker = gateway.Services.GetRequiredService<AsyncReplyWorker>();
        await Eventually.HoldsAsync(() => worker.InProgress == 0, TimeSpan.FromSeconds(20), "every background call finished");
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, string clientId) =>
        gateway.Client.SendAsync(Request(path, clientId));

    private static Task<HttpResponseMessage> SendAndWaitAsync(GatewayInstance gateway, string path) =>
        StoredReplies.SendAndWaitAsync(gateway, Request(path, "a"));

    private static HttpRequestMessage Request(string path, string clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", clientId);
        return request;
    }

    private static async Task<HttpResponseMessage> PollAsync(GatewayInstance gateway, HttpResponseMessage accepted, string clientId)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var key = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        return await SendAsync(gateway, "/.gateway/replies/" + key, clientId);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var current && current != seen)
        {
            seen = current;
        }
    }
}
