using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Observability;

/// <summary>The Prometheus metrics at <c>/metrics</c>, scraped and parsed as Prometheus would after real traffic.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Requests_CountedByRouteKeyOrTemplate_MethodAndStatus_NeverByRawPathOrUnknownMethod()
    {
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/missing") ? 404 : 200;
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(stub, "/orders/{id}", "/orders/{id}", new { Key = "orders" }),
            Route(stub, "/missing/{id}", "/missing/{id}")));

        await gateway.Client.GetAsync("/orders/1");
        await gateway.Client.GetAsync("/orders/2");
        await gateway.Client.PostAsync("/orders/3", new StringContent("{}"));
        await gateway.Client.GetAsync("/missing/4");
        await gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod("PURGE"), "/orders/6"));
        await gateway.Client.GetAsync("/no/such/route");
        var scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "/missing/{id}"), ("method", "GET"), ("status", "404"));
        scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "orders"), ("method", "POST"), ("status", "200"));

        scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "orders"), ("method", "OTHER"), ("status", "200"));

        Assert.Equal(2, scrape.Value("gateway_requests_total", ("route", "orders"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, scrape.Value("gateway_requests_total", ("route", "(none)"), ("method", "GET"), ("status", "404")));
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.Values.Any(v => v.Contains("/orders/1", StringComparison.Ordinal) || v.Contains("/no/such", StringComparison.Ordinal) || v == "PURGE"));
    }

    [Fact]
    public async Task Exemplars_LinkOnlyRecordedTraces_InTheOpenMetricsScrape()
    {
        const string SampledTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string UnsampledTraceId = "0af7651916cd43dd8448eb211c80319c";
        await using var stub = await DownstreamStub.StartAsync(_ => Task.CompletedTask);
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(stub, "/sampled/{id}", "/{id}", new { Key = "sampled" }),
            Route(stub, "/unsampled/{id}", "/{id}", new { Key = "unsampled" })));
        using var sampled = new HttpRequestMessage(HttpMethod.Get, "/sampled/1");
        sampled.Headers.Add("traceparent", "00-" + SampledTraceId + "-00f067aa0ba902b7-01");
        using var unsampled = new HttpRequestMessage(HttpMethod.Get, "/unsampled/1");
        unsampled.Headers.Add("traceparent", "00-" + UnsampledTraceId + "-00f067aa0ba902b7-00");

        (await gateway.Client.SendAsync(sampled)).Dispose();
        (await gateway.Client.SendAsync(unsampled)).Dispose();
        await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "unsampled"), ("method", "GET"), ("status", "200"));
        using var openMetrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        openMetrics.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await gateway.Client.SendAsync(openMetrics);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        var sampledLine = Assert.Single(lines, l => l.StartsWith("gateway_requests_total{route=\"sampled\"", StringComparison.Ordinal));
        var unsampledLine = Assert.Single(lines, l => l.StartsWith("gateway_requests_total{route=\"unsampled\"", StringComparison.Ordinal));
        Assert.Contains("# {trace_id=\"" + SampledTraceId + "\"", sampledLine, StringComparison.Ordinal);
        Assert.DoesNotContain("trace_id", unsampledLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_CountedUnderItsTemplate_AndEachPartUnderItsRoute()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(System.Text.Json.JsonSerializer.Serialize(new
        {
            Routes = new[]
            {
                Route(stub, "/quote/{id}", "/quote/{id}", new { Key = "quote" }),
                Route(stub, "/rating/{id}", "/rating/{id}", new { Key = "rating" }),
            },
            Aggregates = new[] { new { RouteKeys = new[] { "quote", "rating" }, UpstreamPathTemplate = "/overview/{id}" } },
        }));

        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.Client.GetAsync("/overview/1")).StatusCode);
        var scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "aggregate /overview/{id}"), ("method", "GET"), ("status", "200"));

        Assert.Equal(1, scrape.Value("gateway_requests_total", ("route", "quote"), ("method", "GET"), ("status", "200")));
        Assert.Equal(1, scrape.Value("gateway_requests_total", ("route", "rating"), ("method", "GET"), ("status", "200")));
        Assert.DoesNotContain(scrape.Samples, s => s.Labels.Values.Any(v => v.Contains("/overview/1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Latency_GatewayAndDownstreamHistograms_CountEveryCallIntoBuckets()
    {
        await using var stub = await DownstreamStub.StartAsync(async context =>
        {
            await Task.Delay(30, context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/slow", "/slow", new { Key = "slow" })));

        for (var i = 0; i < 3; i++)
        {
            await gateway.Client.GetAsync("/slow");
        }

        var scrape = await gateway.ScrapeUntilAsync("gateway_request_duration_seconds_count", 3, ("route", "slow"));

        Assert.Equal(3, scrape.Value("gateway_request_duration_seconds_bucket", ("route", "slow"), ("le", "+Inf")));
        Assert.Equal(3, scrape.Value("gateway_downstream_duration_seconds_count", ("route", "slow")));
        // Each call took at least 30 ms, so none falls in a bucket below that and the sum is at least 90 ms.
        Assert.All(
            scrape.Find("gateway_downstream_duration_seconds_bucket", ("route", "slow")).Where(b => b.Labels["le"] != "+Inf" && double.Parse(b.Labels["le"], CultureInfo.InvariantCulture) < 0.025),
            bucket => Assert.Equal(0, bucket.Value));
        Assert.True(scrape.Value("gateway_request_duration_seconds_sum", ("route", "slow")) >= 0.09);
        Assert.True(scrape.Value("gateway_request_duration_seconds_sum", ("route", "slow"))
            >= scrape.Value("gateway_downstream_duration_seconds_sum", ("route", "slow")));
    }

    [Fact]
    public async Task DownstreamErrors_CountedByKind_ConnectTimeoutAnd5xx()
    {
        await using var stub = await DownstreamStub.StartAsync(async context =>
        {
            if (context.Request.Path.StartsWithSegments("/slow"))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }

            context.Response.StatusCode = 500;
        });
        var closedPort = ClosedPort();
        var unreachable = new Dictionary<string, object?>
        {
            ["UpstreamPathTemplate"] = "/down",
            ["DownstreamPathTemplate"] = "/down",
            ["DownstreamScheme"] = "http",
            ["DownstreamHostAndPorts"] = new[] { new { Host = "127.0.0.1", Port = closedPort } },
            ["Key"] = "down",
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            unreachable,
            Route(stub, "/failing", "/failing", new { Key = "failing" }),
            Route(stub, "/slow", "/slow", new { Key = "slow", QoSOptions = new { Timeout = 200 } })));

        Assert.Equal(HttpStatusCode.BadGateway, (await gateway.Client.GetAsync("/down")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await gateway.Client.GetAsync("/failing")).StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await gateway.Client.GetAsync("/slow")).StatusCode);
        var scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 1, ("route", "slow"), ("status", "504"));

        Assert.Equal(1, scrape.Value("gateway_downstream_errors_total", ("route", "down"), ("kind", "connect")));
        Assert.Equal(1, scrape.Value("gateway_downstream_errors_total", ("route", "failing"), ("kind", "5xx")));
        Assert.Equal(1, scrape.Value("gateway_downstream_errors_total", ("route", "slow"), ("kind", "timeout")));
        Assert.Single(scrape.Find("gateway_downstream_errors_total", ("route", "slow")));
    }

    [Fact]
    public async Task CircuitState_IsClosedAtStart_AndFlipsToOpenAfterFailures()
    {
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(stub, "/fragile", "/fragile", new { Key = "fragile", QoSOptions = new { MinimumThroughput = 2, BreakDuration = 60000 } })));

        var before = await gateway.ScrapeAsync();
        await gateway.Client.GetAsync("/fragile");
        await gateway.Client.GetAsync("/fragile");
        var rejected = await gateway.Client.GetAsync("/fragile");
        var after = await gateway.ScrapeAsync();

        Assert.Equal(0, before.Value("gateway_circuit_state", ("route", "fragile")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal(1, after.Value("gateway_circuit_state", ("route", "fragile")));
        Assert.Equal(1, after.Value("gateway_downstream_errors_total", ("route", "fragile"), ("kind", "circuit_open")));
    }

    [Fact]
    public async Task Cache_LookupsCountedAsMissThenHits()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(stub, "/cached", "/cached", new { Key = "cached", CacheOptions = new { TtlSeconds = 100 } })));

        for (var i = 0; i < 3; i++)
        {
            await gateway.Client.GetAsync("/cached");
        }

        var scrape = await gateway.ScrapeAsync();

        Assert.Equal(1, scrape.Value("gateway_cache_lookups_total", ("route", "cached"), ("result", "miss")));
        Assert.Equal(2, scrape.Value("gateway_cache_lookups_total", ("route", "cached"), ("result", "hit")));
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task RateLimit_RejectionsCountedPerRoute()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(stub, "/limited", "/limited", new { Key = "limited", RateLimitOptions = new { Limit = 1, Period = "1m", ClientIdHeader = "X-Client" } })));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/limited");
            request.Headers.Add("X-Client", "alice");
            statuses.Add((await gateway.Client.SendAsync(request)).StatusCode);
        }

        var scrape = await gateway.ScrapeUntilAsync("gateway_requests_total", 2, ("route", "limited"), ("status", "429"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, scrape.Value("gateway_rate_limit_rejections_total", ("route", "limited")));
    }

    [Fact]
    public async Task ConfigurationReloads_AppliedAndRejectedCounted()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/a", "/a")), o => o.ReloadOnChange = true);
        var atStart = await gateway.ScrapeAsync();

        var rejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Rejected += _ => rejected.TrySetResult();
        await gateway.WriteFileAsync("ocelot.json", """{ "Routes": [ { "UpstreamPathTemplate": "/broken" } ] }""");
        await rejected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Applied += _ => applied.TrySetResult();
        await gateway.WriteFileAsync("ocelot.json", Routes(Route(stub, "/b", "/b")));
        await applied.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var after = await gateway.ScrapeAsync();

        Assert.Equal(1, atStart.Value("gateway_configuration_reloads_total", ("result", "applied")));
        Assert.Equal(0, atStart.Value("gateway_configuration_reloads_total", ("result", "rejected")));
        Assert.Equal(2, after.Value("gateway_configuration_reloads_total", ("result", "applied")));
        Assert.Equal(1, after.Value("gateway_configuration_reloads_total", ("result", "rejected")));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
