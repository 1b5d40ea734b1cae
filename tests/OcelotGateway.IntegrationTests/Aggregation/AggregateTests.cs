using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Aggregation.AggregateJson;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Aggregation;

/// <summary>Ocelot's aggregates with the default aggregator (reference §3, scenarios 31–34), precedence and per-route policies.</summary>
public sealed class AggregateTests
{
    [Fact]
    public async Task DefaultAggregator_ThreeRoutes_BodiesVerbatimInRouteKeysOrder()
    {
        await using var laura = await DownstreamStub.StartAsync(context =>
        {
            context.Response.Headers["X-From"] = "laura";
            return Answer("""{"name":"Laura"}""")(context);
        });
        await using var tom = await DownstreamStub.StartAsync(Answer("Hello from Tom", "text/plain"));
        await using var numbers = await DownstreamStub.StartAsync(Answer("[1,2]"));
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [
                Route(laura, "/laura/{id}", "/users/{id}", new { Key = "laura" }),
                Route(tom, "/tom/{id}", "/greetings/{id}", new { Key = "tom" }),
                Route(numbers, "/numbers", "/numbers", new { Key = "nums" }),
            ],
            new { UpstreamPathTemplate = "/profile/{id}", RouteKeys = new[] { "laura", "tom", "nums" } }));

        var response = await gateway.Client.GetAsync("/profile/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"laura":{"name":"Laura"},"tom":Hello from Tom,"nums":[1,2]}""", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-From"));
        Assert.Equal("/users/42", Assert.Single(laura.Received).Path);
        Assert.Equal("/greetings/42", Assert.Single(tom.Received).Path);
    }

    [Theory]
    [InlineData("portfolio-9")]
    [InlineData(null)]
    public async Task RequestIdKey_AggregateAnswerAndEveryPartCarryOneId(string? incoming)
    {
        await using var laura = await DownstreamStub.StartAsync(Answer("""{"name":"Laura"}"""));
        await using var tom = await DownstreamStub.StartAsync(Answer("""{"name":"Tom"}"""));
        await using var gateway = await GatewayInstance.StartAsync(JsonSerializer.Serialize(new
        {
            Routes = new[] { Route(laura, "/laura", "/laura", new { Key = "laura" }), Route(tom, "/tom", "/tom", new { Key = "tom" }) },
            Aggregates = new[] { new { UpstreamPathTemplate = "/both", RouteKeys = new[] { "laura", "tom" } } },
            GlobalConfiguration = new { RequestIdKey = "X-Request-Id" },
        }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/both");
        if (incoming is not null)
        {
            request.Headers.Add("X-Request-Id", incoming);
        }

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(incoming ?? id, id);
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal(id, Assert.Single(laura.Received).Headers["X-Request-Id"]);
        Assert.Equal(id, Assert.Single(tom.Received).Headers["X-Request-Id"]);
    }

    [Fact]
    public async Task DefaultAggregator_DownstreamNotFoundWithEmptyBody_KeyWithoutValueAsOcelot()
    {
        await using var laura = await DownstreamStub.StartAsync(Answer(string.Empty, "text/plain", 404));
        await using var tom = await DownstreamStub.StartAsync(Answer("{Hello from Tom}", "text/plain"));
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(laura, "/laura", "/", new { Key = "Laura" }), Route(tom, "/tom", "/", new { Key = "Tom" })],
            new { UpstreamPathTemplate = "/", RouteKeys = new[] { "Laura", "Tom" } }));

        var response = await gateway.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"Laura":,"Tom":{Hello from Tom}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Parts_ThreeSlowDownstreams_AnswerInParallel()
    {
        static Task SlowAsync(HttpContext context) => DelayThenAnswerAsync(context, TimeSpan.FromMilliseconds(200));
        await using var a = await DownstreamStub.StartAsync(SlowAsync);
        await using var b = await DownstreamStub.StartAsync(SlowAsync);
        await using var c = await DownstreamStub.StartAsync(SlowAsync);
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(a, "/a", "/a", new { Key = "a" }), Route(b, "/b", "/b", new { Key = "b" }), Route(c, "/c", "/c", new { Key = "c" })],
            new { UpstreamPathTemplate = "/all", RouteKeys = new[] { "a", "b", "c" } }));

        // The first call opens the connections. The best of three warm calls is what the gateway costs when the machine
        // is not busy elsewhere; one after another the parts could never take less than 600 ms.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/all")).StatusCode);
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await gateway.Client.GetAsync("/all");
            stopwatch.Stop();
            Assert.Equal("""{"a":"done","b":"done","c":"done"}""", await response.Content.ReadAsStringAsync());
            best = stopwatch.Elapsed < best ? stopwatch.Elapsed : best;
        }

        Assert.True(best < TimeSpan.FromMilliseconds(380), $"three 200 ms parts took at best {best.TotalMilliseconds:0} ms; one after another they take 600 ms");
    }

    [Fact]
    public async Task RouteKeysConfig_ValuesFromMainResponse_CallDependentRoutePerDistinctValue()
    {
        await using var comments = await DownstreamStub.StartAsync(Answer("""[{"id":1,"userId":1},{"id":2,"userId":2},{"id":3,"userId":1}]"""));
        await using var users = await DownstreamStub.StartAsync(context => Answer($$"""{"id":{{context.Request.Path.Value![7..]}}}""")(context));
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(comments, "/comments", "/comments", new { Key = "comments" }), Route(users, "/users/{userId}", "/users/{userId}", new { Key = "user" })],
            new
            {
                UpstreamPathTemplate = "/threads",
                RouteKeys = new[] { "comments", "user" },
                RouteKeysConfig = new[] { new { RouteKey = "user", JsonPath = "$[*].userId", Parameter = "userId" } },
            }));

        var fanOut = await gateway.Client.GetStringAsync("/threads");
        comments.Handler = Answer("""[{"id":1,"userId":5},{"id":2,"userId":5}]""");
        var single = await gateway.Client.GetStringAsync("/threads");

        Assert.Equal("""{"comments":[{"id":1,"userId":1},{"id":2,"userId":2},{"id":3,"userId":1}],"user":[{"id":1},{"id":2}]}""", fanOut);
        Assert.Equal("""{"comments":[{"id":1,"userId":5},{"id":2,"userId":5}],"user":{"id":5}}""", single);
        Assert.Equal(["/users/1", "/users/2", "/users/5"], users.Received.Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PartWithAuthentication_WithoutToken_Is401_WithToken_CallerHeadersReachDownstream()
    {
        await using var open = await DownstreamStub.StartAsync(Answer("""{"open":true}"""));
        await using var secure = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            WithAggregates(
                [
                    Route(open, "/open", "/open", new { Key = "open" }),
                    Route(secure, "/secure", "/secure", new { Key = "secure", AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } }),
                ],
                new { UpstreamPathTemplate = "/dashboard", RouteKeys = new[] { "open", "secure" } }),
            o => TestTokens.Trust(o));

        var anonymous = await gateway.Client.GetAsync("/dashboard");
        var token = TestTokens.Mint(("sub", "u1"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Request-Id", "req-42");
        var authenticated = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        using var body = JsonDocument.Parse(await authenticated.Content.ReadAsStringAsync());
        var echoedHeaders = body.RootElement.GetProperty("secure").GetProperty("headers");
        Assert.Equal("Bearer " + token, Header(echoedHeaders, "Authorization"));
        Assert.Equal("req-42", Header(echoedHeaders, "X-Request-Id"));
        Assert.True(body.RootElement.GetProperty("open").GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Matching_AggregateAnswersGet_RouteOnSameTemplateAnswersPost()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [
                Route(stub, "/things/{id}", "/things/{id}", new { UpstreamHttpMethod = new[] { "Post" } }),
                Route(stub, "/thing-a/{id}", "/a/{id}", new { Key = "a" }),
                Route(stub, "/thing-b/{id}", "/b/{id}", new { Key = "b" }),
            ],
            new { UpstreamPathTemplate = "/things/{id}", RouteKeys = new[] { "a", "b" } }));

        var get = await gateway.Client.GetStringAsync("/things/7");
        var post = await gateway.Client.PostAsync("/things/7", new StringContent("x"));

        using var aggregated = JsonDocument.Parse(get);
        Assert.Equal("/a/7", aggregated.RootElement.GetProperty("a").GetProperty("path").GetString());
        Assert.Equal("/b/7", aggregated.RootElement.GetProperty("b").GetProperty("path").GetString());
        var echo = await post.Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal(("POST", "/things/7"), (echo!.Method, echo.Path));
    }

    [Fact]
    public async Task Matching_AggregateOfOneRoute_PassesThatRoutesResponseThrough()
    {
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.Headers["X-From"] = "only";
            return Answer("plain", "text/plain", 202)(context);
        });
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(stub, "/only", "/only", new { Key = "only" })],
            new { UpstreamPathTemplate = "/single", RouteKeys = new[] { "only" } }));

        var response = await gateway.Client.GetAsync("/single");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("only", response.Headers.GetValues("X-From").Single());
        Assert.Equal("plain", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostAggregate_BodyCopiedToEveryPart()
    {
        static async Task EchoBodyAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            await Answer(JsonSerializer.Serialize(new { context.Request.Method, Body = text, context.Request.ContentLength }))(context);
        }

        await using var a = await DownstreamStub.StartAsync(EchoBodyAsync);
        await using var b = await DownstreamStub.StartAsync(EchoBodyAsync);
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(a, "/a", "/a", new { Key = "a" }), Route(b, "/b", "/b", new { Key = "b" })],
            new { UpstreamPathTemplate = "/orders", UpstreamHttpMethod = new[] { "Post" }, RouteKeys = new[] { "a", "b" } }));

        var response = await gateway.Client.PostAsync("/orders", new StringContent("""{"qty":3}"""));

        Assert.Equal(
            """{"a":{"Method":"POST","Body":"{\u0022qty\u0022:3}","ContentLength":9},"b":{"Method":"POST","Body":"{\u0022qty\u0022:3}","ContentLength":9}}""",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/orders")).StatusCode);
    }

    [Fact]
    public async Task SavedFile_ReplacesAggregates()
    {
        await using var a = await DownstreamStub.StartAsync(Answer("1"));
        await using var b = await DownstreamStub.StartAsync(Answer("2"));
        object[] routes = [Route(a, "/a", "/a", new { Key = "a" }), Route(b, "/b", "/b", new { Key = "b" })];
        await using var gateway = await GatewayInstance.StartAsync(
            WithAggregates(routes, new { UpstreamPathTemplate = "/ab", RouteKeys = new[] { "a", "b" } }),
            o => o.ReloadOnChange = true);
        Assert.Equal("""{"a":1,"b":2}""", await gateway.Client.GetStringAsync("/ab"));

        await gateway.WriteFileAsync("ocelot.json", WithAggregates(routes, new { UpstreamPathTemplate = "/ba", RouteKeys = new[] { "b", "a" } }));

        await Eventually.HoldsAsync(
            async () => (await gateway.Client.GetAsync("/ab")).StatusCode == HttpStatusCode.NotFound, TimeSpan.FromSeconds(5), "the old aggregate to go");
        Assert.Equal("""{"b":2,"a":1}""", await gateway.Client.GetStringAsync("/ba"));
    }

    private static string? Header(JsonElement headers, string name) =>
        headers.EnumerateObject().Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value.GetString();

    private static async Task DelayThenAnswerAsync(HttpContext context, TimeSpan delay)
    {
        await Task.Delay(delay, context.RequestAborted);
        await Answer("\"done\"")(context);
    }
}
