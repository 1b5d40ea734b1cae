using System.Text.Json;
using System.Text.Json.Nodes;
using OcelotGateway.Hosting;
using OcelotGateway.Tests.Configuration;

namespace OcelotGateway.Tests.Hosting;

/// <summary>The <c>explain</c> command on the shipped route folders, the schema sample folders and folders written here.</summary>
public sealed class ExplainCommandTests
{
    /// <summary>The content root of the host the command builds: the test's output folder, which holds no appsettings*.json.</summary>
    private static readonly string NoSettings = AppContext.BaseDirectory;

    /// <summary>The shipped host's own settings (its appsettings*.json declare the sample schemes the shipped routes name).</summary>
    private static readonly string HostSettings = Path.Combine(RouteFileSchema.RepositoryRoot, "gateway", "OcelotGateway.Host");

    private static string Shipped(string folder) => Path.Combine(RouteFileSchema.RepositoryRoot, folder);

    [Fact]
    public async Task Shipped_StockRequest_TakenByTheStockRoute_WithFileLineDownstreamAndPolicies()
    {
        var (code, output, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot"), "-e", "Development", "GET", "/stock/MSFT", "-H", "X-Request-Id: tour-1");

        Assert.Equal(0, code);
        Assert.Contains("=> GET /stock/MSFT is taken by Routes[0] (/stock/{everything}) in ocelot.stock.json", output);
        Assert.Contains("Routes[0] (/stock/{everything}) in ocelot.stock.json, line 5", output);
        Assert.Contains("{everything} = MSFT", output);
        Assert.Contains("GET http://127.0.0.1:5101/api/stocks/MSFT", output);
        Assert.Contains("X-Request-ID: tour-1", output);
        Assert.DoesNotContain("X-Forwarded-For", output);
        Assert.Contains("forwarded headers  off", output);
        Assert.Contains("timeout            10 s", output);
        Assert.Contains("path: /stock/MSFT does not fit /esg/{everything}", output);
    }

    [Fact]
    public async Task Shipped_Portfolio_IsTheAggregate_WithOneDownstreamCallPerPart()
    {
        var (code, output, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot"), "--environment", "Development", "GET", "http://localhost:5000/portfolio/MSFT");

        Assert.Equal(0, code);
        Assert.Contains("is answered by Aggregates[0] (/portfolio/{symbol}) in ocelot.portfolio.json", output);
        Assert.Contains("GET http://127.0.0.1:5101/api/stocks/MSFT", output);
        Assert.Contains("GET http://127.0.0.1:5102/api/scores/MSFT", output);
        Assert.Contains("GET http://127.0.0.1:5103/api/statements?symbol=MSFT", output);
    }

    [Fact]
    public async Task Shipped_FinanceWrite_NeedsTheScope_AndGetIsTheOtherRoute()
    {
        var (_, post, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot"), "-e", "Development", "POST", "/finance");
        var (_, get, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot"), "-e", "Development", "GET", "/finance/MSFT-2024");

        Assert.Contains("is taken by Routes[1] (/finance/{everything}) in ocelot.finance.json", post);
        Assert.Contains("a bearer token of Samples is required (401 without one); it needs one of the scopes finance.write", post);
        Assert.Contains("method: POST is not one of Get", post);
        Assert.Contains("is taken by Routes[0] (/finance/{everything}) in ocelot.finance.json", get);
    }

    [Fact]
    public async Task ShippedProduction_ServiceRoute_SaysInstancesComeFromConsul()
    {
        var (code, output, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot/production"), "GET", "/stock/MSFT");

        Assert.Equal(0, code);
        Assert.Contains("GET http://stock/api/stocks/MSFT", output);
        Assert.Contains("RoundRobin over the passing instances of service stock, looked up in Consul when the gateway runs", output);
    }

    [Fact]
    public async Task ShippedDevelopment_WithoutTheHostsSettings_IsInvalid_AsAtStartUp()
    {
        var (code, output, error) = await RunAsync("explain", Shipped("ocelot"), "-e", "Development", "GET", "/stock/MSFT");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("no authentication scheme 'Samples' is registered", error);
    }

    [Fact]
    public async Task NoRoute_ExitCode1_EveryCandidateWithItsReason_AsJson()
    {
        var (code, output, _) = await RunWithHostSettingsAsync("explain", Shipped("ocelot"), "-e", "Development", "--json", "DELETE", "/nowhere");
        var json = JsonNode.Parse(output)!;

        Assert.Equal(1, code);
        Assert.Equal("no-route", json["outcome"]!.GetValue<string>());
        Assert.False(json["live"]!.GetValue<bool>());
        var candidates = json["candidates"]!.AsArray();
        Assert.Equal(10, candidates.Count);
        Assert.All(candidates, c => Assert.Equal("no-match", c!["verdict"]!.GetValue<string>()));
        Assert.All(candidates, c => Assert.Contains(c!["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("path: /nowhere", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("aggregates.json")]
    [InlineData("auth-headers.json")]
    [InlineData("consul-discovery.json")]
    [InlineData("dynamic-routes.json")]
    [InlineData("legacy-reroutes.json")]
    [InlineData("qos-ratelimit-cache.json")]
    [InlineData("swagger-endpoints.json")]
    public async Task SchemaSampleFolders_ARequestShapedLikeEachRoute_IsMatchedByIt(string sample)
    {
        using var folder = new TempRouteFolder().With(
            "ocelot.json", await File.ReadAllTextAsync(Path.Combine(RouteFileSchema.RepositoryRoot, "tests", "OcelotGateway.Tests", "Configuration", "SchemaSamples", sample)));

        // The host's settings declare the schemes the samples name, as a gateway serving them would.
        using var settings = new TempRouteFolder().With("appsettings.json", JsonSerializer.Serialize(new
        {
            Authentication = new { Schemes = new { Bearer = new { ValidIssuer = "samples" }, ApiKey = new { ValidIssuer = "samples" } } },
        }));
        var (listed, listing, _) = await RunAsync(settings.Path, ["explain", folder.Path, "--json", "GET", "/never/matched/by/any/sample"]);
        var candidates = JsonNode.Parse(listing)!["candidates"]!.AsArray();

        Assert.Equal(1, listed);
        foreach (var candidate in candidates)
        {
            var route = candidate!["route"]!;
            var name = route["name"]!.GetValue<string>();
            var methods = candidate["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray();
            var url = "http://" + (candidate["host"]?.GetValue<string>() ?? "gateway.test") + Concrete(route["upstreamPathTemplate"]!.GetValue<string>());

            var (code, output, error) = await RunAsync(settings.Path, ["explain", folder.Path, "--json", methods.Length == 0 ? "GET" : methods[0], url, "-H", "X-Region: eu"]);
            var explanation = JsonNode.Parse(output)!;
            var self = explanation["candidates"]!.AsArray().Single(c => c!["route"]!["name"]!.GetValue<string>() == name)!;

            // Matched; a rate-limited route still refuses it (no client id is sent), and then says so with exit code 1.
            Assert.True(explanation["outcome"]!.GetValue<string>() is "route" or "aggregate", name + ": " + output + error);
            Assert.True(code == (explanation["refusal"] is null ? 0 : 1), name + ": " + output + error);
            Assert.Contains(self["verdict"]!.GetValue<string>(), new[] { "chosen", "outranked" });
            // Dynamic routing makes its routes from the catalog at run time: they have no line of their own.
            Assert.True(explanation["match"]!["file"]!.GetValue<string>() == "dynamic routing" || explanation["match"]!["line"]!.GetValue<int>() > 0, output);
        }
    }

    [Fact]
    public async Task TestFolder_PriorityHostAndHeaders_DecideAndEachLoserSaysWhy()
    {
        using var folder = RouteFolder(
            Route("/orders/{everything}", "/low/{everything}", new { Priority = 0 }),
            Route("/orders/{id}", "/high/{id}", new { Priority = 5 }),
            Route("/orders/{id}", "/tenant/{id}", new { UpstreamHost = "tenant.example" }),
            Route("/orders/{id}", "/v2/{id}", new { Priority = 9, UpstreamHeaderTemplates = new Dictionary<string, string> { ["X-Api-Version"] = "2" } }));

        var (_, plain, _) = await RunAsync("explain", folder.Path, "GET", "http://other.example/orders/7");
        var (_, tenant, _) = await RunAsync("explain", folder.Path, "GET", "http://tenant.example/orders/7");
        var (_, versioned, _) = await RunAsync("explain", folder.Path, "GET", "/orders/7", "-H", "X-Api-Version: 2");

        Assert.Contains("GET http://10.0.0.1:8080/high/7", plain);
        Assert.Contains("matched, but its Priority 0 is below the chosen route's 5", plain);
        Assert.Contains("host: the route wants UpstreamHost tenant.example, the request has other.example", plain);
        Assert.Contains("headers: a header of UpstreamHeaderTemplates is missing or does not fit its template", plain);
        Assert.Contains("GET http://10.0.0.1:8080/tenant/7", tenant);
        Assert.Contains("the chosen route is bound to UpstreamHost tenant.example, which beats a route without a host", tenant);
        Assert.Contains("GET http://10.0.0.1:8080/v2/7", versioned);
    }

    [Fact]
    public async Task TestFolder_RateLimitCacheQoSAndIpFilter_AreDecidedForThisRequest()
    {
        using var folder = RouteFolder(
            Route("/prices", "/api/prices", new
            {
                RateLimitOptions = new { EnableRateLimiting = true, Period = "1s", PeriodTimespan = 1, Limit = 3, ClientWhitelist = new[] { "batch" } },
                FileCacheOptions = new { TtlSeconds = 30, Region = "prices" },
                QoSOptions = new { ExceptionsAllowedBeforeBreaking = 2, DurationOfBreak = 5000, TimeoutValue = 2000 },
                SecurityOptions = new { IPAllowedList = new[] { "10.0.0.0/8" } },
                UpstreamHeaderTransform = new Dictionary<string, string> { ["X-Tenant"] = "acme" },
            }));

        var (_, counted, _) = await RunAsync("explain", folder.Path, "--client-ip", "10.1.2.3", "GET", "/prices?currency=EUR", "-H", "Oc-Client: alice", "-H", "OC-Cache-Control: v1");
        var (_, anonymous, _) = await RunAsync("explain", folder.Path, "--client-ip", "192.168.1.1", "GET", "/prices", "-H", "Oc-Client: batch");
        var (_, json, _) = await RunAsync("explain", folder.Path, "--json", "GET", "/prices?currency=EUR", "-H", "OC-Cache-Control: v1");

        Assert.Contains("client 10.1.2.3 is let through (allowed: 10.0.0.0/8; blocked: none)", counted);
        Assert.Contains("3 per 1s per client, client id alice (from Oc-Client)", counted);
        Assert.Contains("X-Tenant: acme", counted);
        Assert.Contains("circuit breaker: opens for 5000 ms when 100 % of at least 2 calls", counted);
        Assert.Contains("client 192.168.1.1 is refused with 403", anonymous);
        Assert.Contains("client batch is whitelisted and not counted", anonymous);
        var cache = JsonNode.Parse(json)!["policies"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "cache")!["details"]!;
        Assert.Equal(30, cache["ttlSeconds"]!.GetValue<double>());
        Assert.Null(cache["bypass"]);
        Assert.Equal(CacheKeyOf(json), CacheKeyOf((await RunAsync("explain", folder.Path, "--json", "GET", "/prices?currency=EUR", "-H", "OC-Cache-Control: v1")).Output));
        Assert.NotEqual(CacheKeyOf(json), CacheKeyOf((await RunAsync("explain", folder.Path, "--json", "GET", "/prices?currency=EUR", "-H", "OC-Cache-Control: v2")).Output));
        Assert.NotEqual(CacheKeyOf(json), CacheKeyOf((await RunAsync("explain", folder.Path, "--json", "GET", "/prices?currency=USD", "-H", "OC-Cache-Control: v1")).Output));
    }

    [Fact]
    public async Task ForwardedHeaders_AddedOnlyWhereTheRouteOrTheGlobalConfigurationOptsIn()
    {
        using var folder = RouteFolder(
            Route("/plain", "/plain", new { }),
            Route("/opted", "/opted", new { AddForwardedHeaders = true }));
        using var global = new TempRouteFolder().With("ocelot.json", JsonSerializer.Serialize(new
        {
            Routes = new object[] { Route("/plain", "/plain", new { }), Route("/out", "/out", new { AddForwardedHeaders = false }) },
            GlobalConfiguration = new { AddForwardedHeaders = true },
        }));

        var (_, plain, _) = await RunAsync("explain", folder.Path, "--client-ip", "10.1.2.3", "GET", "http://gw.example/plain", "-H", "X-Forwarded-For: 6.6.6.6");
        var (_, opted, _) = await RunAsync("explain", folder.Path, "--client-ip", "10.1.2.3", "GET", "http://gw.example/opted", "-H", "X-Forwarded-For: 6.6.6.6");
        var (_, globally, _) = await RunAsync("explain", global.Path, "--client-ip", "10.1.2.3", "GET", "http://gw.example/plain");
        var (_, optedOut, _) = await RunAsync("explain", global.Path, "--client-ip", "10.1.2.3", "GET", "http://gw.example/out");

        Assert.Contains("X-Forwarded-For: 6.6.6.6", plain);
        Assert.DoesNotContain("X-Forwarded-Host", plain);
        Assert.Contains("forwarded headers  off", plain);
        Assert.Contains("X-Forwarded-For: 10.1.2.3", opted);
        Assert.DoesNotContain("6.6.6.6", opted.Split("Downstream request")[1].Split("Policies")[0]);
        Assert.Contains("X-Forwarded-Host: gw.example", opted);
        Assert.Contains("X-Forwarded-For: 10.1.2.3", globally);
        Assert.DoesNotContain("X-Forwarded-For", optedOut);
    }

    [Fact]
    public async Task Refusals_TheRequestDecides_AreReported_WithExitCode1()
    {
        using var folder = RouteFolder(
            Route("/files/{everything}", "/store/{everything}", new { }),
            Route("/limited", "/limited", new { RateLimitOptions = new { EnableRateLimiting = true, Period = "1s", PeriodTimespan = 1, Limit = 3 } }),
            Route("/data", "/tenants/{tenant}/data", new { UpstreamHeaderTemplates = new Dictionary<string, string> { ["X-Tenant"] = "{header:tenant}" } }));

        var (nonAscii, nonAsciiText, _) = await RunAsync("explain", folder.Path, "--json", "GET", "/files/a", "-H", "X-Name: caf\u00e9");
        var (escape, escapeText, _) = await RunAsync("explain", folder.Path, "--json", "GET", "/data", "-H", "X-Tenant: ..");
        var (nul, nulText, _) = await RunAsync("explain", folder.Path, "--json", "GET", "/files/a%00b");
        var (anonymous, anonymousText, _) = await RunAsync("explain", folder.Path, "GET", "/limited");
        var (fine, _, _) = await RunAsync("explain", folder.Path, "GET", "/files/a%20b");

        Assert.Equal(1, nonAscii);
        var header = JsonNode.Parse(nonAsciiText)!;
        Assert.Equal("route", header["outcome"]!.GetValue<string>());
        Assert.Equal(400, header["refusal"]!["status"]!.GetValue<int>());
        Assert.Contains("X-Name", header["refusal"]!["detail"]!.GetValue<string>());
        Assert.Equal(1, escape);
        var path = JsonNode.Parse(escapeText)!;
        Assert.Equal(400, path["refusal"]!["status"]!.GetValue<int>());
        Assert.Null(path["downstream"]);
        Assert.Equal(1, nul);
        Assert.Equal("refused", JsonNode.Parse(nulText)!["outcome"]!.GetValue<string>());
        Assert.Equal(1, anonymous);
        Assert.Contains("but the gateway refuses it with 503 (rate limit)", anonymousText);
        Assert.Equal(0, fine);
    }

    private static string CacheKeyOf(string json) =>
        JsonNode.Parse(json)!["policies"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "cache")!["details"]!["key"]!.GetValue<string>();

    [Fact]
    public async Task InvalidFolder_ExitCode2_WithTheProblem()
    {
        using var folder = new TempRouteFolder().With("ocelot.json", "{ \"Routes\": [ { \"UpstreamPathTemplate\": \"orders\" } ] }");

        var (code, output, error) = await RunAsync("explain", folder.Path, "GET", "/orders");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("cannot be explained, they are invalid", error);
        Assert.Contains("Routes[0] (orders)", error);
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("explain", "GET")]
    [InlineData("explain", "a", "b", "c", "d")]
    [InlineData("explain", "GET", "/x", "-H", "no colon")]
    [InlineData("explain", "GET", "/x", "--client-ip", "not-an-ip")]
    [InlineData("explain", "GET", "/x", "--unknown")]
    [InlineData("explain", "G\u00c9T", "/x")]
    [InlineData("explain", "GET", "ftp://x/y")]
    [InlineData("explain", "GET", "/x", "-H", "X-Bad: a\r\nInjected: 1")]
    public async Task BadArguments_ExitCode2_WithUsage(params string[] args)
    {
        using var folder = RouteFolder(Route("/x", "/x", new { }));
        string[] withFolder = args.Length > 1 ? ["explain", folder.Path, .. args[1..]] : args;

        var (code, output, error) = await RunAsync(withFolder);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("usage: explain", error);
    }

    [Fact]
    public async Task MissingFolder_ExitCode2()
    {
        var (code, _, error) = await RunAsync("explain", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N")), "GET", "/x");

        Assert.Equal(2, code);
        Assert.Contains("the route folder does not exist", error);
    }

    private static TempRouteFolder RouteFolder(params object[] routes) =>
        new TempRouteFolder().With("ocelot.json", JsonSerializer.Serialize(new { Routes = routes }));

    /// <summary>A URL the template matches: every placeholder replaced by a plain value.</summary>
    private static string Concrete(string template) => System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]*\\}", "v1");

    private static Dictionary<string, object?> Route(string upstream, string downstream, object extra)
    {
        var route = new Dictionary<string, object?>
        {
            ["UpstreamPathTemplate"] = upstream,
            ["DownstreamPathTemplate"] = downstream,
            ["DownstreamScheme"] = "http",
            ["DownstreamHostAndPorts"] = new[] { new { Host = "10.0.0.1", Port = 8080 } },
        };
        foreach (var property in extra.GetType().GetProperties())
        {
            route[property.Name] = property.GetValue(extra);
        }

        return route;
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(NoSettings, args);

    private static Task<(int Code, string Output, string Error)> RunWithHostSettingsAsync(params string[] args) => RunAsync(HostSettings, args);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string contentRoot, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExplainCommand.RunAsync(args, "Production", contentRoot, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
