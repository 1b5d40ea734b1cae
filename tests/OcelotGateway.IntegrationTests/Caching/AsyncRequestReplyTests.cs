using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>Asynchronous request-reply (our extension): 202 with a key, background call, polling, expiry and ownership.</summary>
public sealed class AsyncRequestReplyTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AsyncRequestReplyTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
        _stub.Handler = async context =>
        {
            await _release.Task;
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers["X-Report"] = "ready";
            await context.Response.WriteAsync("report for " + context.Request.QueryString.Value);
        };
    }

    [Fact]
    public async Task Accepted_ThenPending_ThenTheStoredResponse_AndDownstreamSawTheRequestKeyNotThePollKey()
    {
        await using var gateway = await StartAsync();
        var stored = StoredReplies.NextAsync(gateway);

        var accepted = await SendAsync(gateway, HttpMethod.Get, "/reports?year=2025", "client-a");
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var pending = await PollAsync(gateway, accepted.Headers.Location!, "client-a");
        _release.SetResult();
        Assert.Equal(key, await stored.WaitAsync(TimeSpan.FromSeconds(20)));
        var done = await PollAsync(gateway, accepted.Headers.Location!, "client-a");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(64, key.Length);
        Assert.Equal("/.gateway/replies/" + key, accepted.Headers.Location!.OriginalString);
        Assert.Equal("1", accepted.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal("1", pending.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal("ready", done.Headers.GetValues("X-Report").Single());
        Assert.Equal("report for ?year=2025", await done.Content.ReadAsStringAsync());
        var received = Assert.Single(_stub.Received);
        var requestKey = received.Headers["X-Request-Key"];
        Assert.Equal(64, requestKey.Length);
        Assert.NotEqual(key, requestKey);
        Assert.Equal("/reports", received.Path);
        // The request key is derived from what the client sent; it must not read the reply.
        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync(gateway, new Uri("/.gateway/replies/" + requestKey, UriKind.Relative), "client-a")).StatusCode);
    }

    [Fact]
    public async Task IdenticalRequestWhilePending_GetsTheSameLocation_WithOneDownstreamCall_ButBodiesAndClientsMakeNewOnes()
    {
        await using var gateway = await StartAsync();

        var first = await KeyOfAsync(await SendAsync(gateway, HttpMethod.Post, "/reports", "client-a", "{\"q\":1}"));
        var again = await KeyOfAsync(await SendAsync(gateway, HttpMethod.Post, "/reports", "client-a", "{\"q\":1}"));
        var otherBody = await KeyOfAsync(await SendAsync(gateway, HttpMethod.Post, "/reports", "client-a", "{\"q\":2}"));
        var otherClient = await KeyOfAsync(await SendAsync(gateway, HttpMethod.Post, "/reports", "client-b", "{\"q\":1}"));
        _release.SetResult();

        // Every call was started before its 202 went out; wait until none is left, then count what downstream saw.
        var worker = gateway.Services.GetRequiredService<AsyncReplyWorker>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (worker.InProgress > 0)
        {
            await Task.Delay(10, deadline.Token);
        }

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherBody);
        Assert.NotEqual(first, otherClient);
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task AnotherClient_GetsNotFound_OnEveryPoll()
    {
        await using var gateway = await StartAsync();
        var stored = StoredReplies.NextAsync(gateway);
        _release.SetResult();

        var accepted = await SendAsync(gateway, HttpMethod.Get, "/reports", "client-a");
        await stored.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync(gateway, accepted.Headers.Location!, "client-b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync(gateway, accepted.Headers.Location!, clientId: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PollAsync(gateway, accepted.Headers.Location!, "client-a")).StatusCode);
    }

    [Fact]
    public async Task AfterTheTtl_TheReplyIsGone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(time: time);
        var stored = StoredReplies.NextAsync(gateway);
        _release.SetResult();

        var accepted = await SendAsync(gateway, HttpMethod.Get, "/reports", "client-a");
        await stored.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(4));
        var beforeExpiry = await PollAsync(gateway, accepted.Headers.Location!, "client-a");
        time.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await PollAsync(gateway, accepted.Headers.Location!, "client-a");

        Assert.Equal(HttpStatusCode.Created, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync(gateway, new Uri("/.gateway/replies/" + new string('a', 64), UriKind.Relative), "client-a")).StatusCode);
    }

    [Fact]
    public async Task AuthenticatedRoute_TheReplyBelongsToTheUser()
    {
        await using var gateway = await StartAsync(
            new { AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } },
            configure: o => TestTokens.Trust(o));
        var stored = StoredReplies.NextAsync(gateway);
        _release.SetResult();
        var alice = TestTokens.Mint(("sub", "alice"));

        var request = new HttpRequestMessage(HttpMethod.Get, "/reports");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice);
        var accepted = await gateway.Client.SendAsync(request);
        await stored.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PollWithTokenAsync(gateway, accepted.Headers.Location!, alice)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PollWithTokenAsync(gateway, accepted.Headers.Location!, TestTokens.Mint(("sub", "bob")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PollWithTokenAsync(gateway, accepted.Headers.Location!, token: null)).StatusCode);
    }

    [Fact]
    public async Task WithoutAClientIdentity_TheRequestIsRefused()
    {
        await using var gateway = await StartAsync();

        var response = await SendAsync(gateway, HttpMethod.Get, "/reports", clientId: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _stub.Count);
    }

    private Task<GatewayInstance> StartAsync(object? extra = null, FakeTimeProvider? time = null, Action<GatewayOptionsBuilder>? configure = null)
    {
        var route = Route(_stub, "/reports", "/reports", new { AsyncRequestReply = new { TtlSeconds = 5 } });
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                route[property.Name] = property.GetValue(extra);
            }
        }

        return GatewayInstance.StartAsync(Routes(route), o =>
        {
            configure?.Invoke(o);
            if (time is not null)
            {
                o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time);
            }
        });
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, HttpMethod method, string path, string? clientId, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (clientId is not null)
        {
            request.Headers.Add("Oc-Client", clientId);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body);
        }

        return gateway.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PollAsync(GatewayInstance gateway, Uri location, string? clientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, location);
        if (clientId is not null)
        {
            request.Headers.Add("Oc-Client", clientId);
        }

        return gateway.Client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PollWithTokenAsync(GatewayInstance gateway, Uri location, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, location);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return gateway.Client.SendAsync(request);
    }

    private static async Task<string> KeyOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
