using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Swagger;

/// <summary>The aggregated documents at <c>/swagger/docs/{version}/{key}</c> (reference §8.2–8.3) against real downstream servers.</summary>
public sealed class SwaggerDocumentTests
{
    [Fact]
    public async Task Document_ServiceServesOpenApi_ReturnsItRewrittenForTheGateway()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)));

        using var response = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"application/problem+json\"", text, StringComparison.Ordinal);
        var document = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["/stock", "/stock/{symbol}"], document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["get"], document["paths"]!["/stock/{symbol}"]!.AsObject().Select(p => p.Key));
        Assert.Equal(gateway.BaseAddress.ToString().TrimEnd('/'), (string)document["servers"]![0]!["url"]!);
        Assert.Equal(["Item", "ItemList"], document["components"]!["schemas"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Document_ServiceDown_FailsFastWithProblemWhileOtherDocumentsServe()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        var esg = await SampleApiStub.StartAsync("Esg", "scores", "company");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock), ("esg", "Esg", "scores", esg)));
        await esg.DisposeAsync();

        var clock = Stopwatch.StartNew();
        using var down = await gateway.Client.GetAsync("/swagger/docs/v1/esg");
        var elapsed = clock.Elapsed;
        using var up = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await down.Content.ReadAsStringAsync())!;
        Assert.Equal(502, (int)problem["status"]!);
        Assert.Contains("'Esg - v1' document could not be fetched", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    [Fact]
    public async Task Document_ServiceTooSlow_AnswersGatewayTimeoutWithinTheFetchTimeout()
    {
        await using var slow = await DownstreamStub.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", slow)),
            o => o.Settings["Gateway:Swagger:FetchTimeout"] = "00:00:00.300");

        var clock = Stopwatch.StartNew();
        using var response = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Document_ServiceAnswersError_IsBadGateway()
    {
        await using var broken = await DownstreamStub.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", broken)));

        using var response = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("answered 500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_UnknownKeyOrVersion_IsNotFoundProblem()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)));

        using var unknownKey = await gateway.Client.GetAsync("/swagger/docs/v1/bonds");
        using var unknownVersion = await gateway.Client.GetAsync("/swagger/docs/v9/stock");

        Assert.Equal(HttpStatusCode.NotFound, unknownKey.StatusCode);
        Assert.Equal("application/problem+json", unknownKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.StatusCode);
        Assert.Equal(0, stock.Count);
    }

    [Fact]
    public async Task Document_WithinCacheDuration_IsFetchedOnceAndRefreshedAfter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)),
            o => o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time));

        using var first = await gateway.Client.GetAsync("/swagger/docs/v1/stock");
        using var second = await gateway.Client.GetAsync("/swagger/docs/v1/stock");
        var fetchesWhileFresh = stock.Count;
        time.Advance(TimeSpan.FromSeconds(31));
        using var third = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.All(new[] { first, second, third }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, fetchesWhileFresh);
        Assert.Equal(2, stock.Count);
    }

    [Fact]
    public async Task Document_CacheDurationZero_FetchesEveryTime()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)),
            o => o.Settings["Gateway:Swagger:CacheDuration"] = "00:00:00");

        using var first = await gateway.Client.GetAsync("/swagger/docs/v1/stock");
        using var second = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(2, stock.Count);
    }

    [Fact]
    public async Task Document_AuthenticatedRoute_CarriesBearerLock()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For([("stock", "Stock", "stocks", stock, new { AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } })]),
            o => TestTokens.Trust(o));

        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/swagger/docs/v1/stock"))!;

        Assert.NotNull(document["paths"]!["/stock"]!["get"]!["security"]![0]![TestTokens.Scheme]);
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]![TestTokens.Scheme]!["scheme"]!);
    }

    [Fact]
    public async Task SwaggerUi_ListsOneDocumentPerEndPoint()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var esg = await SampleApiStub.StartAsync("Esg", "scores", "company");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock), ("esg", "Esg", "scores", esg)));

        using var page = await gateway.Client.GetAsync("/swagger/index.html");
        var script = await gateway.Client.GetStringAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"url\":\"docs/v1/stock\",\"name\":\"Stock - v1\"", script, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"docs/v1/esg\",\"name\":\"Esg - v1\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUi_ItsBarePath_RedirectsToTheIndexPage_AndPathsOutsideItStillReachRoutes()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)));

        using var bare = await gateway.Client.GetAsync("/SWAGGER");
        using var routed = await gateway.Client.GetAsync("/stock/AAPL");

        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.EndsWith("index.html", bare.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
    }

    [Fact]
    public async Task SwaggerUi_Disabled_IsNotServed()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)),
            o => o.Settings["Gateway:Swagger:Enabled"] = "false");

        using var page = await gateway.Client.GetAsync("/swagger/index.html");
        using var document = await gateway.Client.GetAsync("/swagger/docs/v1/stock");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
    }

    [Fact]
    public async Task SwaggerUi_RouteFileReloaded_ListsTheNewDocuments()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var finance = await SampleApiStub.StartAsync("Finance", "statements", "id");
        await using var gateway = await GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)),
            o => o.ReloadOnChange = true);
        using var first = await gateway.Client.GetAsync("/swagger/index.js");
        var before = await first.Content.ReadAsStringAsync();
        var generation = gateway.State.Current!.Generation;

        await gateway.WriteFileAsync("ocelot.json", SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock), ("finance", "Finance", "statements", finance)));
        await Eventually.HoldsAsync(() => gateway.State.Current!.Generation != generation, TimeSpan.FromSeconds(10), "the route file is reloaded");

        // A browser revalidates with the ETag it has; the changed list must not be answered with 304 Not Modified.
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/swagger/index.js");
        if (first.Headers.ETag is { } etag)
        {
            revalidate.Headers.IfNoneMatch.Add(etag);
        }

        using var second = await gateway.Client.SendAsync(revalidate);
        var after = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var document = await gateway.Client.GetAsync("/swagger/docs/v1/finance");

        Assert.DoesNotContain("docs/v1/finance", before, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"docs/v1/finance\",\"name\":\"Finance - v1\"", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task GatewayDocument_Enabled_IsListedAndDescribesTheGatewaysOwnEndpoints()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await StartWithGatewayDocumentAsync(stock);

        var script = await gateway.Client.GetStringAsync("/swagger/index.js");
        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/swagger/docs/gateway/gateway"))!;
        using var live = await gateway.Client.GetAsync("/health/live");

        Assert.Contains("\"url\":\"docs/gateway/gateway\",\"name\":\"Gateway\"", script, StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/health/live", paths);
        Assert.Contains("/health/ready", paths);
        Assert.Contains("/administration/outputcache/{region}", paths);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(gateway.BaseAddress.ToString().TrimEnd('/'), (string)document["servers"]![0]!["url"]!);
    }

    [Fact]
    public async Task GatewayDocument_AdministrationOn_ListsEveryAdministrationOperationItMaps()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await StartWithGatewayDocumentAsync(stock);

        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/swagger/docs/gateway/gateway"))!;

        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => operation.Key.ToUpperInvariant() + " " + path.Key))
            .ToHashSet(StringComparer.Ordinal);
        var mapped = gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/administration/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => method + " " + e.RoutePattern.RawText!.Replace("{**", "{", StringComparison.Ordinal)))
            .ToList();
        Assert.Superset(
            new HashSet<string>(["GET /administration/configuration", "POST /administration/configuration", "DELETE /administration/outputcache/{region}"]),
            mapped.ToHashSet());
        Assert.All(mapped, operation => Assert.Contains(operation, documented));
        var post = document["paths"]!["/administration/configuration"]!["post"]!;
        Assert.Contains("400", post["responses"]!.AsObject().Select(r => r.Key));
        Assert.Equal("apiKey", (string)document["components"]!["securitySchemes"]!["apiKey"]!["type"]!);
        Assert.Null(document["components"]!["securitySchemes"]!["bearer"]);
    }

    [Fact]
    public async Task GatewayDocument_NotEnabled_IsNotFound()
    {
        await using var stock = await SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)));

        using var response = await gateway.Client.GetAsync("/swagger/docs/gateway/gateway");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Document_ConcurrentRequests_ShareOneDownstreamFetch()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var document = SampleApiStub.Document("http://127.0.0.1", "Stock", "stocks", "symbol").ToJsonString();
        await using var stub = await DownstreamStub.StartAsync(async context =>
        {
            await gate.Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(document);
        });
        await using var gateway = await GatewayInstance.StartAsync(SwaggerGatewayJson.For(("stock", "Stock", "stocks", stub)));

        var requests = Enumerable.Range(0, 5).Select(_ => gateway.Client.GetAsync("/swagger/docs/v1/stock")).ToArray();
        await Eventually.HoldsAsync(() => stub.Count == 1, TimeSpan.FromSeconds(5), "the first fetch reaches the service");
        gate.SetResult();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, stub.Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>A gateway over the stub with the gateway's own document and the administration API (by key) on.</summary>
    private static Task<GatewayInstance> StartWithGatewayDocumentAsync(DownstreamStub stock) =>
        GatewayInstance.StartAsync(
            SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)),
            o =>
            {
                o.Settings["Gateway:Swagger:IncludeGatewayDocument"] = "true";
                o.Settings["Gateway:Administration:ApiKey"] = "0123456789abcdef0123";
            });
}
