using System.Net;
using System.Net.Http.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Routing;

/// <summary>The routing scenarios of Ocelot's acceptance tests (reference §9, 1–21), through real sockets.</summary>
public sealed class RoutingScenarioTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public RoutingScenarioTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
    }

    [Fact]
    public async Task EmptyConfiguration_AnyRequest_Returns404ProblemJson()
    {
        await using var gateway = await GatewayInstance.StartAsync("""{ "Routes": [] }""");

        var response = await gateway.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _stub.Count);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/test/toot", "/test/toot")]
    public async Task CatchAllRoot_ForwardsEveryPath(string requested, string expectedDownstream)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{url}", "/{url}")));

        var echo = await GetEchoAsync(gateway, requested);

        Assert.Equal(expectedDownstream, echo.Path);
    }

    [Theory]
    [InlineData("/", "root")]
    [InlineData("/test", "catch-all")]
    public async Task RootRouteAndCatchAll_MostSpecificWins(string requested, string expectedRoute)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/{everything}", "/catch-all/{everything}"),
            Route(_stub, "/", "/root")));

        var echo = await GetEchoAsync(gateway, requested);

        Assert.StartsWith("/" + expectedRoute, echo.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateWithTrailingSlash_MatchesWithAndWithout_TemplateWithout_DoesNotMatchSlash()
    {
        await using var withSlash = await GatewayInstance.StartAsync(Routes(Route(_stub, "/products/", "/products")));
        await using var withoutSlash = await GatewayInstance.StartAsync(Routes(Route(_stub, "/products", "/products")));

        Assert.Equal(HttpStatusCode.OK, (await withSlash.Client.GetAsync("/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withSlash.Client.GetAsync("/products/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await withoutSlash.Client.GetAsync("/products/")).StatusCode);
    }

    [Fact]
    public async Task EmptyPlaceholder_IsForwardedAsEmpty()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/products/{productId}", "/products/{productId}")));

        var echo = await GetEchoAsync(gateway, "/products/");

        Assert.Equal("/products/", echo.Path);
    }

    [Fact]
    public async Task PlaceholderInsideSegment_DoesNotSpanSegments()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/api/v{apiVersion}/cards", "/cards")));

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/api/v1/aaaaaaaaa/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/api/v1/cards")).StatusCode);
    }

    [Theory]
    [InlineData("/upstream/test", "/downstream/test")]
    [InlineData("/upstream/test/", "/downstream/test/")]
    [InlineData("/upstream/test/a/b?p1=v1&p2=v2&something-else=", "/downstream/test/a/b?p1=v1&p2=v2&something-else=")]
    public async Task TrailingCatchAll_SegmentIsOptional_QueryKept(string requested, string expectedTarget)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/upstream/test/{everything}", "/downstream/test/{everything}")));

        var echo = await GetEchoAsync(gateway, requested);

        Assert.Equal(expectedTarget, echo.RawTarget);
    }

    [Fact]
    public async Task TrailingCatchAll_DoesNotMatchLongerLiteral()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/upstream/test/{everything}", "/downstream/test/{everything}")));

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/upstream/test123")).StatusCode);
    }

    [Fact]
    public async Task LastPlaceholder_SpansSegments()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/platform/{url}", "/api/{url}")));

        var echo = await GetEchoAsync(gateway, "/platform/swagger/lib/backbone-min.js");

        Assert.Equal("/api/swagger/lib/backbone-min.js", echo.Path);
    }

    [Fact]
    public async Task Priority_SpecificRouteBeatsLowerPriorityCatchAll()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/goods/{url}", "/catch-all/{url}", new { Priority = 0 }),
            Route(_stub, "/goods/delete", "/specific", new { Priority = 1 })));

        var echo = await GetEchoAsync(gateway, "/goods/delete");

        Assert.Equal("/specific", echo.Path);
    }

    [Fact]
    public async Task PlaceholdersInsideSegmentsAndQuery_BuildDownstreamPath_WithoutPlaceholderQuery()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(
            _stub,
            "/api/products_{category}/{subcategory}_details/{itemId}?filter={filter}",
            "/api/products/{category}-{subcategory}/{filter}")));

        var echo = await GetEchoAsync(gateway, "/api/products_electronics/computers_details/123?filter=active");

        Assert.Equal("/api/products/electronics-computers/active", echo.RawTarget);
    }

    [Fact]
    public async Task EncodedPath_IsDecodedDownstream()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/api/{path}", "/routed/api/{path}")));

        var echo = await GetEchoAsync(gateway, "/api/debug%28%29");

        Assert.Equal("/routed/api/debug()", echo.RawTarget);
    }

    [Fact]
    public async Task QueryTemplateRouteAndPathCatchAll_PathRequestTakesPathRoute()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/{tenantId}/products?{everything}", "/query/{tenantId}/products?{everything}"),
            Route(_stub, "/{tenantId}/products/{everything}", "/{tenantId}/products/{everything}")));

        var echo = await GetEchoAsync(gateway, "/1/products/1");

        Assert.Equal("/1/products/1", echo.RawTarget);
    }

    [Fact]
    public async Task EmptyMethodList_AcceptsAnyVerb_AndDownstreamStatusPassesThrough()
    {
        _stub.Handler = static context =>
        {
            context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
            return Task.CompletedTask;
        };
        try
        {
            await using var anyVerb = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{url}", "/{url}")));
            await using var getPost = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{url}", "/{url}", new { UpstreamHttpMethod = new[] { "Get", "Post" } })));

            Assert.Equal(HttpStatusCode.OK, (await anyVerb.Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/x"))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await getPost.Client.PostAsync("/x", new StringContent("{}"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await getPost.Client.DeleteAsync("/x")).StatusCode);
        }
        finally
        {
            _stub.Handler = DownstreamStub.EchoAsync;
        }
    }

    [Theory]
    [InlineData("/contracts", "/apipath/contracts")]
    [InlineData("/contracts?p1=v1&p2=v2", "/apipath/contracts?p1=v1&p2=v2")]
    [InlineData("/contracts?filter=(-something+123+else)", "/apipath/contracts?filter=(-something%20123%20else)")]
    public async Task QueryCatchAll_ForwardsQuery(string requested, string expectedTarget)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/contracts?{everything}", "/apipath/contracts?{everything}")));

        var echo = await GetEchoAsync(gateway, requested);

        Assert.Equal(expectedTarget, echo.RawTarget);
    }

    [Fact]
    public async Task PathPlaceholderMovedToQuery()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(
            _stub, "/api/units/{subscriptionId}/{unitId}/updates", "/api/subscriptions/{subscriptionId}/updates?unitId={unitId}")));

        var echo = await GetEchoAsync(gateway, "/api/units/1/2/updates");

        Assert.Equal("/api/subscriptions/1/updates?unitId=2", echo.RawTarget);
    }

    [Theory]
    [InlineData("{userId}", "/persons?personId=webley")]
    [InlineData("{uid}", "/persons?personId=webley&userId=webley")]
    public async Task QueryPlaceholderRenamed(string placeholder, string expectedTarget)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(
            _stub, "/users?userId=" + placeholder, "/persons?personId=" + placeholder)));

        var echo = await GetEchoAsync(gateway, "/users?userId=webley");

        Assert.Equal(expectedTarget, echo.RawTarget);
    }

    [Theory]
    [InlineData("/api/subscriptions/1/updates", HttpStatusCode.NotFound)]
    [InlineData("/api/subscriptions/1/updates?test=1", HttpStatusCode.NotFound)]
    [InlineData("/api/subscriptions/1/updates?unitId=2", HttpStatusCode.OK)]
    public async Task QueryInUpstreamTemplate_IsRequired(string requested, HttpStatusCode expected)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(
            _stub, "/api/subscriptions/{subscriptionId}/updates?unitId={unitId}", "/api/units/{subscriptionId}/{unitId}/updates")));

        var response = await gateway.Client.GetAsync(requested);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
            Assert.Equal("/api/units/1/2/updates", echo!.RawTarget);
        }
    }

    [Fact]
    public async Task ODataQuery_ThroughACatchAll_IsReEncoded()
    {
        // Ocelot's scenario routes /{everything}: with placeholders the query is parsed and re-encoded.
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}")));

        var echo = await GetEchoAsync(gateway, "/odata/customers?$filter=Name%20eq%20'Sam'");

        Assert.Equal("/odata/customers?$filter=Name%20eq%20%27Sam%27", echo.RawTarget);
    }

    [Fact]
    public async Task UpstreamHost_HostBoundRouteWins_PortIgnored()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/", "/no-host"),
            Route(_stub, "/", "/dont-match", new { UpstreamHost = "DONTMATCH" }),
            Route(_stub, "/", "/localhost", new { UpstreamHost = "localhost", Priority = 0 })));
        await using var withPort = await GatewayInstance.StartAsync(Routes(Route(_stub, "/", "/with-port", new { UpstreamHost = "127.0.0.20:5000" })));

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "localhost:" + gateway.BaseAddress.Port;
        var echo = await (await gateway.Client.SendAsync(request)).Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal("/localhost", echo!.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await withPort.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task HeaderTemplates_AllHeadersMustMatch_AndCapturesFeedDownstreamPath()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/products", "/products/pl", new { UpstreamHeaderTemplates = new Dictionary<string, string> { ["country_code"] = "PL" } }),
            Route(_stub, "/regional", "/api.internal-{code}/products", new { UpstreamHeaderTemplates = new Dictionary<string, string> { ["Region"] = "{header:code}" } })));

        Assert.Equal(HttpStatusCode.OK, (await SendWithHeaderAsync(gateway, "/products", "country_code", "PL")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendWithHeaderAsync(gateway, "/products", "country_code", "PL", "othervalue")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/products")).StatusCode);
        var regional = await (await SendWithHeaderAsync(gateway, "/regional", "Region", "uk")).Content.ReadFromJsonAsync<EchoResponse>();
        Assert.Equal("/api.internal-uk/products", regional!.Path);
    }

    [Fact]
    public async Task CaseSensitivity_FollowsRouteIsCaseSensitive()
    {
        await using var insensitive = await GatewayInstance.StartAsync(Routes(Route(_stub, "/products/{productId}", "/products/{productId}")));
        await using var sensitive = await GatewayInstance.StartAsync(Routes(Route(_stub, "/products/{productId}", "/products/{productId}", new { RouteIsCaseSensitive = true })));

        Assert.Equal(HttpStatusCode.OK, (await insensitive.Client.GetAsync("/PRODUCTS/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sensitive.Client.GetAsync("/PRODUCTS/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sensitive.Client.GetAsync("/products/1")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithHeaderAsync(GatewayInstance gateway, string path, string header, params string[] values)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var value in values)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return await gateway.Client.SendAsync(request);
    }

    private static async Task<EchoResponse> GetEchoAsync(GatewayInstance gateway, string path)
    {
        var response = await gateway.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EchoResponse>())!;
    }
}
