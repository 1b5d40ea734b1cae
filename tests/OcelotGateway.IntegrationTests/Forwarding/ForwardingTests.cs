using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Forwarding;

/// <summary>What passes through the gateway unchanged, what it adds, and what it rewrites.</summary>
public sealed class ForwardingTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public ForwardingTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task MethodBodyQueryAndEndToEndHeaders_PassThrough_HostIsDownstreams_NoForwardedHeadersAdded()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/echo/{everything}", "/{everything}")));
        var request = new HttpRequestMessage(HttpMethod.Put, "/echo/items/7?x=1&x=2")
        {
            Content = new StringContent("""{"name":"widget"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Custom", "kept");
        request.Headers.Connection.Add("X-Hop");
        request.Headers.Add("X-Hop", "dropped");

        var response = await gateway.Client.SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal("PUT", echo!.Method);
        Assert.Equal("/items/7?x=1&x=2", echo.RawTarget);
        Assert.Equal("kept", echo.Headers["X-Custom"]);
        Assert.False(echo.Headers.ContainsKey("X-Hop"));
        Assert.Equal($"127.0.0.1:{_stub.Port}", echo.Headers["Host"]);
        Assert.DoesNotContain(echo.Headers.Keys, name => name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("application/json; charset=utf-8", echo.Headers["Content-Type"]);
    }

    [Fact]
    public async Task DownstreamStatusAndHeaders_PassThrough()
    {
        _stub.Handler = static context =>
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ETag = "\"v1\"";
            return Task.CompletedTask;
        };

        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}")));
        var response = await gateway.Client.GetAsync("/cached");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"v1\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task DownstreamHttpMethod_ForcesVerb()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}", new
        {
            UpstreamHttpMethod = new[] { "Get" },
            DownstreamHttpMethod = "Post",
        })));

        var echo = await gateway.Client.GetFromJsonAsync<EchoResponse>("/a");

        Assert.Equal("POST", echo!.Method);
    }

    [Fact]
    public async Task RequestIdKey_IncomingIdIsSentDownstreamAndReturned_MissingOneIsCreated()
    {
        await using var gateway = await GatewayInstance.StartAsync(Document(
            [Route(_stub, "/{everything}", "/{everything}")],
            new { RequestIdKey = "X-Request-Id" }));

        var withId = new HttpRequestMessage(HttpMethod.Get, "/a");
        withId.Headers.Add("X-Request-Id", "abc-123");
        var response = await gateway.Client.SendAsync(withId);
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        var generated = await gateway.Client.GetAsync("/b");
        var generatedEcho = await generated.Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal("abc-123", echo!.Headers["X-Request-Id"]);
        Assert.Equal("abc-123", response.Headers.GetValues("X-Request-Id").Single());
        var createdId = generated.Headers.GetValues("X-Request-Id").Single();
        Assert.False(string.IsNullOrWhiteSpace(createdId));
        Assert.Equal(createdId, generatedEcho!.Headers["X-Request-Id"]);
    }

    [Fact]
    public async Task RequestIdKey_NoRouteMatches_404CarriesTheIncomingOrACreatedId()
    {
        await using var gateway = await GatewayInstance.StartAsync(Document(
            [Route(_stub, "/known", "/known")],
            new { RequestIdKey = "X-Request-Id" }));

        var withId = new HttpRequestMessage(HttpMethod.Get, "/nowhere");
        withId.Headers.Add("X-Request-Id", "lost-7");
        using var echoed = await gateway.Client.SendAsync(withId);
        using var created = await gateway.Client.GetAsync("/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, echoed.StatusCode);
        Assert.Equal("lost-7", echoed.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", created.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task RequestIdKey_NotConfigured_404HasNoIdHeader()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/known", "/known")));

        using var response = await gateway.Client.GetAsync("/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task RequestLog_OneLinePerRequest_WithRouteDownstreamStatusAndRequestId_NeverAuthorization()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            Document([Route(_stub, "/{everything}", "/{everything}")], new { RequestIdKey = "X-Request-Id" }),
            o => o.Logs = logs);
        var request = new HttpRequestMessage(HttpMethod.Get, "/orders?secret=1");
        request.Headers.Add("X-Request-Id", "req-42");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "top-secret-token");

        await gateway.Client.SendAsync(request);

        var line = Assert.Single(logs.Entries, e => e.EventId == 1000);
        Assert.Equal("GET", line.Properties["Method"]);
        Assert.Equal("200", line.Properties["StatusCode"]);
        Assert.Equal("req-42", line.Properties["RequestId"]);
        Assert.Equal($"http://127.0.0.1:{_stub.Port}/orders", line.Properties["DownstreamUrl"]);
        Assert.Contains("Routes[0] (/{everything})", line.Properties["Route"], StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("top-secret-token", StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v?.Contains("top-secret-token", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task RequestLog_RefusedBeforeAnyDownstreamCall_SaysNotForwarded()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/blocked", "/blocked", new { SecurityOptions = new { IPBlockedList = new[] { "127.0.0.1" } } })),
            o => o.Logs = logs);

        using var response = await gateway.Client.GetAsync("/blocked");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.EventId == 1000);
        Assert.Equal("(not forwarded)", line.Properties["DownstreamUrl"]);
        Assert.Contains(" to (not forwarded) answered 403 ", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderTransforms_FindReplaceUpstream_AddFromPlaceholders_RewriteLocation()
    {
        _stub.Handler = async context =>
        {
            if (context.Request.Path == "/pay")
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = $"http://127.0.0.1:{_stub.Port}/pay/Receive";
                return;
            }

            await DownstreamStub.EchoAsync(context);
        };

        await using var gateway = await GatewayInstance.StartAsync(Document(
            [
                Route(_stub, "/pay", "/pay", new { DownstreamHeaderTransform = new Dictionary<string, string> { ["Location"] = "{DownstreamBaseUrl}, {BaseUrl}" } }),
                Route(_stub, "/echo", "/echo", new
                {
                    UpstreamHeaderTransform = new Dictionary<string, string> { ["Laz"] = "D, GP", ["Ot-Route"] = "route-value" },
                    AddHeadersToRequest = new Dictionary<string, string> { ["X-Static"] = "static-value" },
                    AddQueriesToRequest = new Dictionary<string, string> { ["added"] = "yes" },
                }),
            ],
            new
            {
                BaseUrl = "http://gateway.example:5000",
                UpstreamHeaderTransform = new Dictionary<string, string> { ["X-Forwarded-For-Ocelot"] = "{RemoteIpAddress}", ["X-Gateway"] = "{BaseUrl}" },
            }));

        var redirect = await gateway.Client.GetAsync("/pay");
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo?q=1");
        request.Headers.Add("Laz", "D");
        var echo = await (await gateway.Client.SendAsync(request)).Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("http://gateway.example:5000/pay/Receive", redirect.Headers.Location?.ToString());
        Assert.Equal("GP", echo!.Headers["Laz"]);
        Assert.Equal("route-value", echo.Headers["Ot-Route"]);
        Assert.Equal("127.0.0.1", echo.Headers["X-Forwarded-For-Ocelot"]);
        Assert.Equal("http://gateway.example:5000", echo.Headers["X-Gateway"]);
        Assert.Equal("static-value", echo.Headers["X-Static"]);
        Assert.Equal("?q=1&added=yes", echo.Query);
    }

    [Fact]
    public async Task DownstreamProblem_IsProblemJson_WithoutStackTrace()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}", new
        {
            DownstreamHostAndPorts = new[] { new { Host = "127.0.0.1", Port = UnusedPort() } },
        })));

        var response = await gateway.Client.GetAsync("/nothing-listens");
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteTimeout_Answers504AtTheConfiguredTime()
    {
        _stub.Handler = static async context =>
        {
            if (context.Request.Path != "/warm")
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }

            context.Response.StatusCode = 200;
        };

        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}", new { Timeout = 1 })));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/warm")).StatusCode);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await gateway.Client.GetAsync("/slow");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Named as the QoS timeout names it (Ocelot's wording): by upstream template, not by file and index.
        Assert.Contains("Request timeout for route -> /{everything}.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 900, 1_900);
    }

    [Fact]
    public async Task RouteTimeout_CoversARequestBodyThatNeverFinishes_Answers504()
    {
        var completeBodies = 0;
        _stub.Handler = async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            Interlocked.Increment(ref completeBodies);
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/upload", "/upload", new { Timeout = 1, UpstreamHttpMethod = new[] { "Post" } })));

        // Ten of the hundred announced bytes, then silence: as in Ocelot, the timeout counts while the body is sent.
        var response = await RawHttp.SendAsync(gateway.BaseAddress, Encoding.ASCII.GetBytes(
            RawHttp.Head("POST", "/upload", "Content-Length: 100", "Content-Type: text/plain") + "0123456789"));

        Assert.Equal(504, response.StatusCode);
        Assert.Contains("Request timeout for route -> /upload.", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, completeBodies);
    }

    [Fact]
    public async Task RouteTimeout_RunningOutWhileAStepReadsTheBody_Answers504ProblemJson()
    {
        // An asynchronous-reply route reads the whole body before it answers 202; the route's time runs out first.
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/reports", "/reports", new
        {
            Timeout = 1,
            UpstreamHttpMethod = new[] { "Post" },
            AsyncRequestReply = new { TtlSeconds = 60 },
        })));

        var response = await RawHttp.SendAsync(gateway.BaseAddress, Encoding.ASCII.GetBytes(
            RawHttp.Head("POST", "/reports", "Content-Length: 100", "Content-Type: text/plain", "Oc-Client: tenant-a") + "0123456789"));

        Assert.Equal(504, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("Request timeout for route -> /reports.", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task RoundRobin_SpreadsEvenly_NoLoadBalancer_UsesFirst()
    {
        await using var second = await DownstreamStub.StartAsync();
        var hosts = new[] { new { Host = "127.0.0.1", _stub.Port }, new { Host = "127.0.0.1", second.Port } };
        await using var roundRobin = await GatewayInstance.StartAsync(Routes(Route(_stub, "/rr", "/rr", new
        {
            DownstreamHostAndPorts = hosts,
            LoadBalancerOptions = new { Type = "RoundRobin" },
        })));
        await using var first = await GatewayInstance.StartAsync(Routes(Route(_stub, "/first", "/first", new { DownstreamHostAndPorts = hosts })));

        await Task.WhenAll(Enumerable.Range(0, 99).Select(_ => roundRobin.Client.GetAsync("/rr")));
        var rrFirst = _stub.Count;
        var rrSecond = second.Count;
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => first.Client.GetAsync("/first")));

        Assert.Equal(99, rrFirst + rrSecond);
        Assert.InRange(rrFirst, 49, 50);
        Assert.Equal(rrFirst + 10, _stub.Count);
        Assert.Equal(rrSecond, second.Count);
    }

    [Fact]
    public async Task CookieStickySessions_SameCookieSameInstance_AcrossRoutesSharingTheCookie()
    {
        await using var second = await DownstreamStub.StartAsync();
        var sticky = new { Type = "CookieStickySessions", Key = "sessionid", Expiry = 60_000 };
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/", "/", new
            {
                DownstreamHostAndPorts = new[] { new { Host = "127.0.0.1", _stub.Port }, new { Host = "127.0.0.1", second.Port } },
                LoadBalancerOptions = sticky,
            }),
            Route(_stub, "/test", "/test", new
            {
                DownstreamHostAndPorts = new[] { new { Host = "127.0.0.1", second.Port }, new { Host = "127.0.0.1", _stub.Port } },
                LoadBalancerOptions = sticky,
            })));

        for (var i = 0; i < 5; i++)
        {
            await SendWithCookieAsync(gateway, i % 2 == 0 ? "/" : "/test", "sessionid=123");
        }

        Assert.True(_stub.Count == 5 || second.Count == 5, $"one instance should get all five calls, got {_stub.Count} and {second.Count}");
    }

    private static async Task SendWithCookieAsync(GatewayInstance gateway, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        (await gateway.Client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task NothingListeningDownstream_Answers502ProblemJson_WithoutDetailsOfTheFailure()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var gateway = await GatewayInstance.StartAsync(Routes(new Dictionary<string, object?>
        {
            ["UpstreamPathTemplate"] = "/{everything}",
            ["DownstreamPathTemplate"] = "/{everything}",
            ["DownstreamScheme"] = "http",
            ["DownstreamHostAndPorts"] = new[] { new { Host = "127.0.0.1", Port = closedPort } },
        }));

        var response = await gateway.Client.GetAsync("/anything");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":502", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection refused", body, StringComparison.Ordinal);
    }
}
