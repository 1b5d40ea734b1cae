using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OcelotGateway.Administration.Console;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Administration;

/// <summary>The operator console: its page (no data, strict headers) and its JSON (admin credentials, never cached).</summary>
public sealed class ConsoleApiTests : IClassFixture<StubFixture>
{
    private const string AdminKey = "admin-key-for-tests-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly DownstreamStub _stub;

    public ConsoleApiTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task Page_ServedWithoutCredentials_UnderAStrictPolicy_WhileItsDataNeedThem()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders", "/orders")));

        var bare = await gateway.Client.GetAsync("/administration/ui");
        var page = await gateway.Client.GetAsync("/administration/ui/");
        var script = await gateway.Client.GetAsync("/administration/ui/console.js");
        var unknown = await gateway.Client.GetAsync("/administration/ui/secrets.json");
        var dataWithout = await gateway.Client.GetAsync("/administration/console/routes");
        var dataWith = await GetAsync(gateway, "/administration/console/routes");

        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/administration/ui/", bare.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ConsoleUiEndpoints.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", ConsoleUiEndpoints.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-inline", ConsoleUiEndpoints.ContentSecurityPolicy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("/orders", html);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dataWithout.StatusCode);
        Assert.Equal("no-store", dataWithout.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, dataWith.StatusCode);
        Assert.Equal("no-store", dataWith.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", dataWith.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Page_NotThere_WithoutTheAdministrationApi_OrWhenTurnedOff()
    {
        await using var noAdministration = await GatewayInstance.StartAsync(Routes(Route(_stub, "/orders", "/orders")));
        await using var turnedOff = await StartAsync(Routes(Route(_stub, "/orders", "/orders")), o => o.Settings["Gateway:Administration:Console:Enabled"] = "false");

        var withoutApi = await noAdministration.Client.GetAsync("/administration/ui/");
        var offAnonymous = await turnedOff.Client.GetAsync("/administration/ui/");
        var offWithKey = await GetAsync(turnedOff, "/administration/ui/");

        Assert.Equal(HttpStatusCode.NotFound, withoutApi.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, offAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, offWithKey.StatusCode);
    }

    [Fact]
    public async Task Routes_OneRowPerRouteAndAggregate_WithFileLinePoliciesAndWarnings()
    {
        var orders = """
            {
              "Routes": [
                {
                  "Key": "orders", "UpstreamPathTemplate": "/orders/{id}", "DownstreamPathTemplate": "/api/orders/{id}",
                  "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": PORT } ],
                  "RateLimitOptions": { "EnableRateLimiting": true, "Period": "1s", "PeriodTimespan": 1, "Limit": 5 },
                  "FileCacheOptions": { "TtlSeconds": 30 }, "Typo": 1
                },
                {
                  "Key": "lines", "UpstreamPathTemplate": "/lines/{id}", "DownstreamPathTemplate": "/api/lines/{id}",
                  "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": PORT } ]
                }
              ],
              "Aggregates": [ { "UpstreamPathTemplate": "/order-with-lines/{id}", "RouteKeys": [ "orders", "lines" ] } ]
            }
            """.Replace("PORT", _stub.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await using var gateway = await GatewayInstance.StartWithFilesAsync(
            new Dictionary<string, string> { ["ocelot.orders.json"] = orders, ["ocelot.stock.json"] = Routes(Route(_stub, "/stock", "/stock")) },
            o => o.Settings["Gateway:Administration:ApiKey"] = AdminKey);

        var catalog = JsonNode.Parse(await (await GetAsync(gateway, "/administration/console/routes")).Content.ReadAsStringAsync())!;
        var rows = catalog["routes"]!.AsArray().Select(r => r!).ToArray();

        Assert.Equal(gateway.State.Current!.Generation, catalog["generation"]!.GetValue<long>());
        Assert.Equal(
            ["route /orders/{id} ocelot.orders.json:3", "route /lines/{id} ocelot.orders.json:9", "route /stock ocelot.stock.json:1", "aggregate /order-with-lines/{id} ocelot.orders.json:14"],
            rows.Select(r => $"{r["route"]!["kind"]} {r["route"]!["upstreamPathTemplate"]} {r["route"]!["file"]}:{r["route"]!["line"]}"));
        Assert.Equal(["rate limit 5/1s", "cache 30s"], rows[0]["policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal($"{_stub.Address}/api/orders/{{id}}", rows[0]["downstream"]!.GetValue<string>());
        Assert.Equal("aggregate of orders, lines", rows[3]["downstream"]!.GetValue<string>());
        Assert.Contains(catalog["warnings"]!.AsArray(), w => w!["key"]!.GetValue<string>() == "Typo" && w["file"]!.GetValue<string>() == "ocelot.orders.json");
    }

    [Fact]
    public async Task Status_BreakerOpensAfterFailures_ReloadsAreRecordedAppliedAndRejected()
    {
        _stub.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };
        var route = Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}", new
        {
            Key = "orders",
            QoSOptions = new { ExceptionsAllowedBeforeBreaking = 2, DurationOfBreak = 60_000 },
        }));
        await using var gateway = await StartAsync(route, o => o.ReloadOnChange = true);

        var closed = await StatusAsync(gateway);
        await Eventually.HoldsAsync(
            async () =>
            {
                await gateway.Client.GetAsync("/orders/1");
                return (await StatusAsync(gateway))["breakers"]![0]!["state"]!.GetValue<string>() == "open";
            },
            Patience,
            "the breaker opens after failing calls");
        await gateway.WriteFileAsync("ocelot.json", "{ \"Routes\": [ { \"UpstreamPathTemplate\": \"nope\" } ] }");
        await Eventually.HoldsAsync(
            async () => (await StatusAsync(gateway))["reloads"]![0]!["outcome"]!.GetValue<string>() == "rejected", Patience, "the broken save is recorded");
        var status = await StatusAsync(gateway);

        Assert.Equal("closed", closed["breakers"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("orders", closed["breakers"]![0]!["route"]!.GetValue<string>());
        var reloads = status["reloads"]!.AsArray();
        Assert.Equal("rejected", reloads[0]!["outcome"]!.GetValue<string>());
        Assert.Contains(reloads[0]!["problems"]!.AsArray(), p => p!["severity"]!.GetValue<string>() == "error" && p["file"]!.GetValue<string>() == "ocelot.json");
        Assert.Equal("applied", reloads[1]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, reloads[1]!["generation"]!.GetValue<long>());
        Assert.Equal(1, status["generation"]!.GetValue<long>());
        Assert.Equal("memory", status["rateLimitCounters"]!["kind"]!.GetValue<string>());
        Assert.Equal("memory", status["cache"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Traffic_CountsEachRoutesRequestsAndErrorsFromTheGatewaysMetrics()
    {
        _stub.Handler = context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("/bad", StringComparison.Ordinal) ? 502 : 200;
            return Task.CompletedTask;
        };
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}", new { Key = "orders" })));
        for (var i = 0; i < 6; i++)
        {
            await gateway.Client.GetAsync(i < 2 ? "/orders/bad" : "/orders/7");
        }

        await gateway.Client.GetAsync("/nowhere");
        var traffic = JsonNode.Parse(await (await GetAsync(gateway, "/administration/console/traffic")).Content.ReadAsStringAsync())!;
        var routes = traffic["routes"]!.AsArray().ToDictionary(r => r!["route"]!.GetValue<string>(), r => r!);

        Assert.Equal(6, routes["orders"]["requests"]!.GetValue<double>());
        Assert.Equal(2, routes["orders"]["serverErrors"]!.GetValue<double>());
        Assert.Equal(1, routes["(none)"]["requests"]!.GetValue<double>());
    }

    [Fact]
    public async Task GatewaysOwnOpenApiDocument_ListsExplainAndTheConsoleData()
    {
        await using var stock = await Swagger.SampleApiStub.StartAsync("Stock", "stocks", "symbol");
        await using var gateway = await StartAsync(
            Swagger.SwaggerGatewayJson.For(("stock", "Stock", "stocks", stock)), o => o.Settings["Gateway:Swagger:IncludeGatewayDocument"] = "true");

        var document = JsonNode.Parse(await gateway.Client.GetStringAsync("/swagger/docs/gateway/gateway"))!;

        var paths = document["paths"]!.AsObject();
        var explain = paths["/administration/explain"]!["post"]!;
        Assert.NotNull(explain["requestBody"]!["content"]!["application/json"]);
        Assert.Equal(["200", "400", "401", "413", "503"], explain["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal("apiKey", explain["security"]![0]!.AsObject().Single().Key);
        foreach (var data in new[] { "/administration/console/routes", "/administration/console/status", "/administration/console/traffic" })
        {
            var operation = paths[data]!["get"]!;
            Assert.NotNull(operation["responses"]!["401"]);
            Assert.False(string.IsNullOrEmpty(operation["summary"]!.GetValue<string>()));
        }

        // The page holds no data and is served without credentials; the document says so.
        var page = paths["/administration/ui/"]!["get"]!;
        Assert.Empty(page["security"]!.AsArray());
        Assert.Null(page["responses"]!["401"]);
    }

    private static Task<GatewayInstance> StartAsync(string json, Action<GatewayOptionsBuilder>? more = null) =>
        GatewayInstance.StartAsync(json, o =>
        {
            o.Settings["Gateway:Administration:ApiKey"] = AdminKey;
            more?.Invoke(o);
        });

    private static Task<HttpResponseMessage> GetAsync(GatewayInstance gateway, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", AdminKey);
        return gateway.Client.SendAsync(request);
    }

    private static async Task<JsonNode> StatusAsync(GatewayInstance gateway) =>
        JsonNode.Parse(await (await GetAsync(gateway, "/administration/console/status")).Content.ReadAsStringAsync())!;
}
